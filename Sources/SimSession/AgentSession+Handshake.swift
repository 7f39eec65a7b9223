import DataChannel
import Foundation
import NIOCore

/// Where the KMS handshake stands.
struct HandshakeProgress {
    enum Step {
        /// HandshakeRequest sent.
        case awaitingResponse
        /// EncChallengeRequest sent with these plaintext bytes.
        case awaitingChallenge([UInt8])
    }

    var step: Step
    let started: NIODeadline
    /// The random challenge sent with KMSEncryption (base64 of 16 bytes), if any.
    var randomChallenge: String?
}

extension AgentSession {
    static let customerMessage = "This session is encrypted using AWS KMS."

    /// HandshakeRequest: SessionType InteractiveCommands and KMSEncryption with the key id
    /// (and a random challenge when the settings require one).
    func beginHandshake(keyId: String) {
        phase = .handshaking
        let challenge = settings.requiresKMSChallenge ? Data(AESGCM.randomBytes(16)).base64EncodedString() : nil
        handshake = HandshakeProgress(step: .awaitingResponse, started: .now(), randomChallenge: challenge)
        let request = HandshakeRequest(agentVersion: settings.agentVersion, requestedClientActions: [
            .sessionType("InteractiveCommands"),
            .kmsEncryption(keyId: keyId, challenge: challenge),
        ])
        sendStreamData(PayloadJSON.encode(request), payloadType: .handshakeRequest)
    }

    /// HandshakeResponse: every action must have succeeded, and the KMSEncryption result's
    /// CiphertextBlob must open with this session's key and encryption context (with the
    /// random challenge, acknowledged, when one was sent). Then
    /// EncChallengeRequest: 64 random bytes encrypted with the agent's key.
    func receivedHandshakeResponse(_ message: ClientMessage) {
        guard phase == .handshaking, let progress = handshake, case .awaitingResponse = progress.step else { return }
        guard let response = try? PayloadJSON.decode(HandshakeResponse.self, from: message.payload) else {
            return failHandshake("the handshake response is not valid JSON")
        }
        if let failed = response.processedClientActions.first(where: { $0.actionStatus != .success }) {
            let detail = failed.error.isEmpty ? "" : ": \(failed.error)"
            return failHandshake("the client did not complete \(failed.actionType.rawValue)\(detail)")
        }
        guard let keyId = spec.kmsKeyId,
              let result = response.processedClientActions.first(where: { $0.actionType == .kmsEncryption })?.actionResult
        else {
            return failHandshake("the client did not accept KMS encryption")
        }
        var context = ["aws:ssm:SessionId": spec.sessionId, "aws:ssm:TargetId": spec.target]
        if let challenge = progress.randomChallenge {
            guard result.challengeAcknowledgement == true else {
                return failHandshake("the client did not acknowledge the KMS random challenge (ChallengeAcknowledgement)")
            }
            context["aws:ssm:RandomChallenge"] = challenge
        }
        let cipher: SessionCipher
        do {
            let dataKey = try hub.localKMS.decryptDataKey(Array(result.kmsCipherTextKey), keyId: keyId, context: context)
            cipher = try SessionCipher.agent(dataKey: dataKey)
        } catch {
            return failHandshake("KMS Decrypt of the session data key failed: \(error)")
        }
        self.cipher = cipher
        let challenge = AESGCM.randomBytes(64)
        handshake?.step = .awaitingChallenge(challenge)
        sendStreamData(PayloadJSON.encode(EncryptionChallenge(challenge: cipher.encrypt(challenge))),
                       payloadType: .encChallengeRequest)
    }

    /// EncChallengeResponse: the challenge re-encrypted with the client's key. Then
    /// HandshakeComplete, and the command starts after the start delay.
    func receivedChallengeResponse(_ message: ClientMessage) {
        guard phase == .handshaking, let progress = handshake, case .awaitingChallenge(let expected) = progress.step,
              let cipher else { return }
        guard let answer = try? PayloadJSON.decode(EncryptionChallenge.self, from: message.payload),
              let plaintext = try? cipher.decrypt(Array(answer.challenge)), plaintext == expected else {
            return failHandshake("the encryption challenge was answered wrongly")
        }
        let elapsed = NIODeadline.now() - progress.started
        handshake = nil
        handshakeFinished = true
        hub.record { $0.handshakesCompleted += 1 }
        sendStreamData(PayloadJSON.encode(HandshakeComplete(handshakeTimeToComplete: elapsed.nanoseconds,
                                                            customerMessage: Self.customerMessage)),
                       payloadType: .handshakeComplete)
        scheduleStart()
    }

    /// Ends the session with channel_closed stating `reason`.
    func failHandshake(_ reason: String) {
        hub.record { $0.handshakesFailed += 1 }
        handshake = nil
        finish(reason: reason)
    }
}
