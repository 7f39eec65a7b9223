struct ExecuteCommandRequest: Decodable {
    var cluster: String?
    var container: String?
    var command: String?
    var interactive: Bool?
    var task: String?
}

struct ExecuteCommandResponse: Encodable {
    struct Session: Encodable {
        var sessionId: String
        var streamUrl: String
        var tokenValue: String
    }

    var clusterArn: String
    var containerArn: String
    var containerName: String
    var interactive = true
    var session: Session
    var taskArn: String
}

extension ECSAPI {
    /// The InvalidParameterException ECS answers when a task runs without ECS Exec or its
    /// container's `ExecuteCommandAgent` is not RUNNING.
    static let execUnavailable = APIError.invalidParameter(
        "The execute command failed because execute command was not enabled when the task was run or the execute command "
            + "agent isn't running. Wait and try the request again or run a new task with execute command enabled and try again.")

    /// `ExecuteCommand`: checks the task and container as ECS does, then registers a session
    /// with the hub and answers with its stream URL and token.
    func executeCommand(_ request: ExecuteCommandRequest, context: CallContext) throws(APIError) -> ExecuteCommandResponse {
        guard let command = request.command, !command.isEmpty else { throw .invalidParameter("command can not be blank.") }
        guard let reference = request.task, !reference.isEmpty else { throw .invalidParameter("task can not be blank.") }
        guard request.interactive == true else { throw .invalidParameter("Interactive is the only mode supported currently.") }
        let cluster = try cluster(request.cluster)
        if !reference.hasPrefix("arn:"), ![32, 36].contains(reference.count) {
            throw .invalidParameter("task length should be one of [32,36]")
        }
        guard let position = fleet.taskPosition(reference, in: cluster) else {
            throw .invalidParameter("The referenced task was not found.")
        }
        let task = cluster.tasks[position]
        let container: FleetContainer
        if let name = request.container, !name.isEmpty {
            guard let named = task.containers.first(where: { $0.name == name }) else {
                throw .invalidParameter("The container \(name) does not exist in the task.")
            }
            container = named
        } else {
            guard task.containers.count == 1 else {
                throw .invalidParameter("The task has more than one container; specify the container name.")
            }
            container = task.containers[0]
        }
        guard task.lastStatus == "RUNNING", task.enableExecuteCommand, container.agentStatus == "RUNNING" else {
            throw Self.execUnavailable
        }
        if context.targetNotConnected() { throw .targetNotConnected }
        let session = try sessions.start(command: command, task: task, container: container, cluster: cluster, context: context)
        return ExecuteCommandResponse(clusterArn: cluster.arn, containerArn: container.arn, containerName: container.name,
                                      session: session, taskArn: task.arn)
    }
}
