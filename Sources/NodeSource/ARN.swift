/// The parts of an AWS ARN that nodes show: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
///
/// ECS resources are `cluster/NAME`, `task/CLUSTER/ID` (or the older `task/ID`),
/// `container/CLUSTER/TASK/UUID` and `task-definition/FAMILY:REVISION`.
struct ARN: Hashable, Sendable {
    var partition: String
    var service: String
    var region: String
    var account: String
    var resource: String

    /// The parts of `text`, or nil when it is not an ARN.
    init?(_ text: String) {
        let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn" else { return nil }
        partition = String(fields[1])
        service = String(fields[2])
        region = String(fields[3])
        account = String(fields[4])
        resource = String(fields[5])
    }

    /// The last `/`-separated part of the resource: a cluster's name, a task's id, a
    /// container's UUID, a definition's `FAMILY:REVISION`.
    var lastPathComponent: String {
        resource.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? resource
    }

    /// The family and revision of a `task-definition/FAMILY:REVISION` resource.
    var taskDefinition: (family: String, revision: String?)? {
        guard resource.hasPrefix("task-definition/") else { return nil }
        let name = lastPathComponent
        guard let colon = name.lastIndex(of: ":") else { return (name, nil) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }

    /// The last path component of `text` if it is an ARN, else `text` itself: how a cluster or
    /// service given either way is compared by name.
    static func name(_ text: String) -> String {
        ARN(text)?.lastPathComponent ?? text
    }
}

/// ISO 8601 in UTC to the second, as the seed's nodes show times: `2024-05-13T21:04:55Z`.
enum UTCTimestamp {
    /// `seconds` since 1970, fractions dropped.
    static func string(epochSeconds seconds: Double) -> String? {
        guard seconds.isFinite, abs(seconds) < 1e13 else { return nil }
        let whole = Int64(seconds.rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondOfDay = whole - days * 86_400
        let (year, month, day) = civil(daysSince1970: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = year < 0 ? "-\(String(repeating: "0", count: max(0, 4 - String(-year).count)))\(-year)"
            : "\(String(repeating: "0", count: max(0, 4 - String(year).count)))\(year)"
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }

    /// The proleptic Gregorian date of a day count (Howard Hinnant's `civil_from_days`).
    static func civil(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
