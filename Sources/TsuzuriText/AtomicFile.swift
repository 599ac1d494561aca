import Foundation

/// Why a file could not be replaced; the message names the file and the system's reason.
public struct FileWriteError: Error, LocalizedError, Equatable {
    public var path: String
    public var reason: String

    public var errorDescription: String? { "\(path): cannot write: \(reason)" }
}

/// Replaces files whole or not at all: the one way tsuzuri writes a user's file (glossaries,
/// fixed articles, pretranslated documents).
public enum AtomicFile {
    /// Writes `bytes` to a temporary file beside `path`, syncs it, renames it over `path` and
    /// syncs the folder. Keeps the old file's permissions, and refuses a file that its
    /// permissions say is read-only (even for root, who could write it anyway). `label` names the
    /// file in messages.
    public static func replace(path: String, bytes: [UInt8], label: String? = nil) throws {
        let label = label ?? path
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        removeStaleTemporaries(folder: folder, name: name)
        let temporary = folder + "/" + temporaryPrefix(for: name) + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        func failure(_ what: String) -> FileWriteError {
            FileWriteError(path: label, reason: "\(what): \(String(cString: strerror(errno)))")
        }

        var mode: mode_t = 0o644
        var status = stat()
        if stat(path, &status) == 0 {
            mode = status.st_mode & 0o7777
            if isReadOnly(path) {
                throw FileWriteError(path: label, reason: "the file is read-only (make it writable, e.g. chmod u+w, to change it)")
            }
        }

        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw failure("cannot create a temporary file in \(folder)") }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        do {
            defer { close(fd) }
            var offset = 0
            try bytes.withUnsafeBytes { buffer in
                while offset < buffer.count {
                    let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw failure("write failed")
                    }
                    offset += written
                }
            }
            guard fchmod(fd, mode) == 0 else { throw failure("cannot set permissions") }
            guard fsync(fd) == 0 else { throw failure("fsync failed") }
        }
        guard rename(temporary, path) == 0 else { throw failure("cannot rename the temporary file") }
        ok = true
        let directory = open(folder, O_RDONLY)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// Whether the file must not be rewritten: no write permission for us, or no write bit at all.
    /// `access` alone is not enough: for root it grants writing whatever the mode says, and a
    /// 0444 file is a clear "do not change" from its owner.
    public static func isReadOnly(_ path: String) -> Bool {
        if access(path, W_OK) != 0 { return true }
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & 0o222 == 0
    }

    /// The name of the temporary file a writer of `name` uses: `.NAME.tmp-PID-RANDOM`.
    static func temporaryPrefix(for name: String) -> String { "." + name + ".tmp-" }

    /// Removes temporaries of `name` left by writers that died before renaming them (`kill -9`
    /// during the write or the fsync): those whose process no longer exists, so the temporary of
    /// a live writer is spared.
    public static func removeStaleTemporaries(folder: String, name: String) {
        let prefix = temporaryPrefix(for: name)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for file in names where file.hasPrefix(prefix) {
            let rest = file.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + file) }
        }
    }

    /// What identifies a file's current content cheaply: size, modification time and inode, so
    /// that a fix can refuse a file changed since it was read.
    public struct Stamp: Equatable, Sendable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64

        public init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            size = Int64(status.st_size)
            seconds = status.st_mtim.tv_sec
            nanoseconds = status.st_mtim.tv_nsec
            inode = UInt64(status.st_ino)
        }
    }
}
