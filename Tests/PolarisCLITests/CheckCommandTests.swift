import Foundation
import Testing

/// Runs the built `polaris` binary and checks exit status, stdout and stderr together.
@Suite struct CheckCommandTests {
    @Test func placeholderRemovedSoon() {}
}
