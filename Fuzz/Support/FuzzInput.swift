import Foundation

/// The input libFuzzer hands to `LLVMFuzzerTestOneInput`, and what the harnesses do with it.
enum FuzzInput {
    /// The input as bytes (libFuzzer passes a null pointer for the empty input).
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The readers under test take a path, as the commands give them; the input goes to a file of
    /// this process's own (RAM-backed where /dev/shm exists) so parallel fuzzers do not collide.
    static func file(_ bytes: [UInt8], extension ext: String) -> URL {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let url = URL(fileURLWithPath: "\(folder)/tsuzuri-fuzz-\(getpid()).\(ext)")
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url
    }

    /// The input split at its first NUL byte (two strings for the pair harnesses), as UTF-8 with
    /// invalid bytes replaced: the functions under test take `String`s, which are always valid.
    static func pair(_ bytes: [UInt8]) -> (String, String) {
        let cut = bytes.firstIndex(of: 0) ?? bytes.count
        let a = String(decoding: bytes[..<cut], as: UTF8.self)
        let b = cut < bytes.count ? String(decoding: bytes[(cut + 1)...], as: UTF8.self) : ""
        return (a, b)
    }

    /// Stops the run the way libFuzzer records as a crash, for a broken invariant that is not a trap.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("invariant broken: \(message)\n".utf8))
        abort()
    }
}
