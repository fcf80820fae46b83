{"stage":"${stage}",%{ for k in keys ~}"${k}":"$context.${k}",%{ endfor ~}"end":true}
