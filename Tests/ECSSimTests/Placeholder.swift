import Testing
@testable import ECSSim
