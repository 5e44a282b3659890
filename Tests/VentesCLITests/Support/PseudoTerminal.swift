import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pseudo-terminal to give a command as its stdout: for the command, `isatty` is true, as
/// when a person runs it; what it writes is read back from the other side, byte for byte (raw
/// mode: no `\r` added before line feeds).
final class PseudoTerminal: @unchecked Sendable {
    struct SetupError: Error, CustomStringConvertible { let description: String }

    /// The side the command writes to.
    let terminal: FileHandle
    private let controller: Int32
    private let reader = DispatchGroup()
    private var output = Data()

    init() throws {
        let calls = try TerminalCalls()
        controller = calls.openController(O_RDWR | O_NOCTTY)
        guard controller >= 0, calls.grant(controller) == 0, calls.unlock(controller) == 0, let name = calls.name(controller) else {
            throw SetupError(description: "cannot open a pseudo-terminal (errno \(errno))")
        }
        let descriptor = open(name, O_RDWR | O_NOCTTY)
        guard descriptor >= 0 else { throw SetupError(description: "cannot open \(String(cString: name)) (errno \(errno))") }
        var attributes = termios()
        tcgetattr(descriptor, &attributes)
        cfmakeraw(&attributes)
        tcsetattr(descriptor, TCSANOW, &attributes)
        terminal = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        // Read as the command writes, so it never blocks on a full terminal buffer.
        reader.enter()
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(controller, &buffer, buffer.count)
                if count > 0 {
                    output.append(buffer, count: count)
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    break  // 0, or EIO once every writer has closed the terminal side
                }
            }
            reader.leave()
        }
    }

    /// The C library's pseudo-terminal calls, looked up at run time: Swift's Glibc module leaves
    /// out `posix_openpt`, `grantpt`, `unlockpt` and `ptsname` (they need `_XOPEN_SOURCE`).
    private struct TerminalCalls {
        typealias Call = @convention(c) (Int32) -> Int32
        let openController: Call, grant: Call, unlock: Call
        let name: @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

        init() throws {
            let library = dlopen(nil, RTLD_NOW)
            func lookUp<T>(_ symbol: String, as type: T.Type) throws -> T {
                guard let address = dlsym(library, symbol) else { throw SetupError(description: "the C library has no \(symbol)") }
                return unsafeBitCast(address, to: type)
            }
            openController = try lookUp("posix_openpt", as: Call.self)
            grant = try lookUp("grantpt", as: Call.self)
            unlock = try lookUp("unlockpt", as: Call.self)
            name = try lookUp("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
        }
    }

    /// Everything written to the terminal, once the command has ended: closes this side's copy
    /// of the terminal and waits until the reader has drained it.
    func outputAfterExit() throws -> Data {
        try terminal.close()
        reader.wait()
        close(controller)
        return output
    }
}
