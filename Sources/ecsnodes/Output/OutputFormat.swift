import ArgumentParser

/// How `nodes` prints the selected nodes.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// An aligned table of chosen attributes.
    case table
    /// Rundeck resource-json (map form, keyed by node name).
    case json
    /// Rundeck resource-yaml (map form, keyed by node name).
    case yaml
    /// One node name per line, sorted.
    case names
}
