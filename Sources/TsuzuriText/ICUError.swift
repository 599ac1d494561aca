import CICU

/// An ICU call failed; carries ICU's own name for the status (e.g. U_ILLEGAL_ARGUMENT_ERROR).
public struct ICUError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let operation: String

    public var description: String {
        "ICU \(operation) failed: \(String(cString: cicu_error_name(code)))"
    }

    /// Turns an ICU status into a thrown error; ICU's warnings (negative codes) are not failures.
    static func check(_ code: Int32, _ operation: String) throws {
        if code > 0 { throw ICUError(code: code, operation: operation) }
    }
}
