import Foundation

/// What one run of the built `tsuzuri` binary produced.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum TsuzuriBinary {
    /// The `tsuzuri` executable built beside this test bundle (same build-products folder), so the
    /// tests exercise exactly what `swift build` produced for this scratch path.
    static let url: URL = {
        var directory = Bundle.main.bundleURL
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("tsuzuri")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        // Fall back to the path of the test runner itself: <products>/tsuzuriPackageTests.xctest
        let runner = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        return runner.deletingLastPathComponent().appendingPathComponent("tsuzuri")
    }()

    /// The repository root (for fixtures such as seeds/ and glossary/).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}

/// Runs `tsuzuri` with `arguments`, feeding `stdin`, and captures both streams and the exit status.
/// The environment is the test's own minus TSUZURI_* (so a developer's settings never leak in),
/// plus `environment`.
func runTsuzuri(
    _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
    currentDirectory: URL? = nil
) throws -> RunResult {
    try runTsuzuri(arguments, stdinData: stdin.map { Data($0.utf8) }, environment: environment, currentDirectory: currentDirectory)
}

func runTsuzuri(
    _ arguments: [String], stdinData: Data?, environment: [String: String] = [:],
    currentDirectory: URL? = nil
) throws -> RunResult {
    ignoreBrokenPipes
    let process = Process()
    process.executableURL = TsuzuriBinary.url
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TSUZURI_") }
    env["NO_COLOR"] = "1"
    // A memory or dictionary the developer keeps at the default place must not change results:
    // the default data folder is an empty one unless a test names another.
    env["XDG_DATA_HOME"] = emptyDataHome
    // Nor may a run write compiled glossaries into the developer's ~/.cache.
    env["XDG_CACHE_HOME"] = emptyDataHome + "/cache"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }

    let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = inPipe
    try process.run()

    // Read both pipes concurrently so that a large output on one cannot block the child.
    let errBox = DataBox()
    let group = DispatchGroup()
    let errHandle = errPipe.fileHandleForReading
    DispatchQueue.global().async(group: group) { errBox.data = errHandle.readDataToEndOfFile() }
    if let stdinData {
        let writer = inPipe.fileHandleForWriting
        DispatchQueue.global().async(group: group) {
            // Raw write(2): a child that exits without reading everything must not trap the tests.
            let fd = writer.fileDescriptor
            stdinData.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
            try? writer.close()
        }
    } else {
        try? inPipe.fileHandleForWriting.close()
    }
    let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errBox.data, as: UTF8.self)
    )
}

/// A fresh temporary folder, removed when the test process ends is not guaranteed: callers may delete it.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Holds bytes read on another queue; the DispatchGroup wait orders the write before the read.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// A child that exits before reading its stdin must give EPIPE, not kill the test runner.
private let ignoreBrokenPipes: Void = {
    signal(SIGPIPE, SIG_IGN)
}()

/// An empty folder that stands for `$XDG_DATA_HOME` in every run (see `runTsuzuri`).
let emptyDataHome: String = {
    let path = NSTemporaryDirectory() + "tsuzuri-e2e-data-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()
