/// The shapes of the Amazon ECS API (2014-11-13) that ecsnodes reads, as ``ECSClient`` sends
/// and receives them.
///
/// Every response field is optional: AWS leaves fields out freely (and moto leaves out more),
/// and decoding ignores fields it does not know, so a new field or a missing one never fails a
/// call. Enumerations whose set AWS may grow are kept as strings, or as open structs with
/// static members (``LaunchType``, ``DesiredStatus``). Timestamps are epoch seconds, as the
/// JSON protocol sends them.
public enum ECS {}
