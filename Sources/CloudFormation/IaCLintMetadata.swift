// Keys iaclint adds to `Resource.metadata` of SAM resources: facts the SAM translator would create.

/// Entries in `Resource.metadata` (an object) that iaclint adds; user `Metadata` keeps its own keys.
public enum IaCLintMetadata {
    /// `true` on `ServerlessRestApi` / `ServerlessHttpApi` resources iaclint synthesized for
    /// function events that name no API. The resource's range is the first such event's key.
    public static let implicit = "iaclint:implicit"
    /// On implicit APIs: the events that created it, as `Function.Events.Name` strings whose ranges
    /// are the event keys (where a finding about the implicit API should point).
    public static let createdBy = "iaclint:createdBy"
    /// On every `AWS::Serverless::Api/HttpApi/WebSocketApi`: the logical id of the stage SAM will
    /// generate (`MyApiProdStage`, `ServerlessHttpApiApiGatewayDefaultStage`), named from the literal
    /// `StageName` as SAM does (an intrinsic `StageName` contributes no name).
    public static let generatedStage = "iaclint:generatedStage"
}
