import CICU

/// One Swift owner of an ICU break iterator: opens it, keeps the UTF-16 text it points into
/// alive, and closes it in `deinit`.
public final class BreakIterator {
    public enum Kind: Sendable {
        case word
        case sentence

        var cValue: cicu_break_kind {
            switch self {
            case .word: CICU_BREAK_WORD
            case .sentence: CICU_BREAK_SENTENCE
            }
        }
    }

    private let handle: OpaquePointer
    /// ICU reads the text in place, so the buffer must live as long as the iterator uses it.
    private var text: [UInt16] = []

    public init(_ kind: Kind, locale: String = "ja") throws {
        var error: Int32 = 0
        guard let handle = cicu_breaker_open(kind.cValue, locale, &error) else {
            throw ICUError(code: error == 0 ? 1 : error, operation: "ubrk_open(\(kind), \(locale))")
        }
        self.handle = handle
    }

    deinit { cicu_breaker_close(handle) }

    /// Points the iterator at `utf16`.
    public func setText(_ utf16: [UInt16]) throws {
        text = utf16
        var error: Int32 = 0
        text.withUnsafeBufferPointer { buffer in
            cicu_breaker_set_text(handle, buffer.baseAddress, Int32(buffer.count), &error)
        }
        try ICUError.check(error, "ubrk_setText")
    }

    /// Calls `body` for each segment end of the current text without building an array.
    public func forEachBoundary(_ body: (Int, Int32) -> Void) {
        _ = cicu_breaker_first(handle)
        while true {
            let next = cicu_breaker_next(handle)
            if next < 0 { break }
            body(Int(next), cicu_breaker_rule_status(handle))
        }
    }

    /// Whether the UTF-16 offset is a boundary of the current text.
    public func isBoundary(_ offset: Int) -> Bool {
        cicu_breaker_is_boundary(handle, Int32(offset)) != 0
    }
}
