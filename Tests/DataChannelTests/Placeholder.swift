import Testing
@testable import DataChannel
