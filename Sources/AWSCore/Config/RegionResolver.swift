/// Where the region comes from: `--region`, then `AWS_REGION`, then `AWS_DEFAULT_REGION`, then
/// the profile's `region`.
///
/// This follows the AWS SDKs and CLI v2. The AWS CLI v1 and boto3 ignore `AWS_REGION`
/// (aws-core.md §2.10); ecsnodes reads it, as every other SDK does.
public enum RegionResolver {
    public static func region(explicit: String?, environment: AWSEnvironment, profile: [String: String]?) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        return environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? profile?["region"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
