import Foundation

extension FleetSpec {
    /// examples/demo-fleet.json, compiled into the binary: three clusters (one with a KMS
    /// key), a Spring Boot app, nginx on EC2, workers, a task without ECS Exec, one whose
    /// exec agent has stopped, a stopped and a pending task.
    public static var demo: FleetSpec {
        // The file is part of the build and tested; failing to decode it is a build defect.
        try! JSONDecoder().decode(FleetSpec.self, from: Data(PackageResources.demo_fleet_json))
    }
}
