import Foundation

/// Runs a language server over two file descriptors (stdin and stdout for `tsuzuri lsp`): reads
/// framed messages, hands them to the server, writes its answers, and wakes the server when a
/// debounced check is due. One thread, `poll(2)` for the waiting, so that the server's state
/// needs no locks.
public enum StdioTransport {
    /// Serves until the client sends `exit` or closes the input. Returns the process's exit
    /// status: 0 after a shutdown request, 1 otherwise (the protocol's rule).
    public static func run(_ server: LanguageServer, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) -> Int32 {
        var framer = MessageFramer()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            guard flush(server, to: output) else { return 1 }
            if let code = server.exitCode { return code }
            var timeout: Int32 = -1
            if let deadline = server.nextDeadline {
                timeout = Int32(max(0, min((deadline - now()) * 1000, 60_000)).rounded(.up))
            }
            var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return 1
            }
            if ready == 0 {
                server.tick(now: now())
                continue
            }
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return server.isShutDown ? 0 : 1
            }
            if count == 0 {
                // The client went away: end, as the protocol asks, with exit's status.
                _ = flush(server, to: output)
                return server.isShutDown ? 0 : 1
            }
            framer.append(chunk[0..<count])
            while let frame = framer.next() {
                switch frame {
                case .message(let body): server.receive(body, now: now())
                case .malformed(let reason): server.receiveMalformedFrame(reason)
                }
                guard flush(server, to: output) else { return 1 }
                if let code = server.exitCode { return code }
            }
            server.tick(now: now())
        }
    }

    /// Monotonic seconds (never jumps with the wall clock).
    public static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Writes and empties the server's outbox; false when the output is gone.
    private static func flush(_ server: LanguageServer, to output: Int32) -> Bool {
        guard !server.outbox.isEmpty else { return true }
        var data = Data()
        for message in server.outbox { data.append(MessageFramer.frame(message.encoded())) }
        server.outbox.removeAll(keepingCapacity: true)
        return data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(output, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
