import Foundation
import NIOCore
import PostgresNIO

/// PostgreSQL errors in people's words: one line naming the server (host, port, database) and,
/// for a connection that fails, what to do. Never the password.
enum PostgreSQLFailure {
    /// Why connecting to `address` failed, as a `PostgreSQLStore.OpenError`.
    static func connecting(_ error: any Error, address: PostgreSQLAddress) -> PostgreSQLStore.OpenError {
        let server = address.server
        func open(_ reason: String) -> PostgreSQLStore.OpenError {
            PostgreSQLStore.OpenError(location: address.location, reason: reason)
        }
        if let error = error as? PSQLError {
            if let info = error.serverInfo {
                let state = info[.sqlState] ?? ""
                let message = info[.message] ?? "the server refused the connection"
                switch state {
                case "28P01", "28000":
                    return open("cannot connect to PostgreSQL at \(server) as \(address.user): \(message); check the user name and the password (in the URL, PGPASSWORD or ~/.pgpass)")
                case "3D000":
                    return open("cannot connect to PostgreSQL at \(server): \(message); create it (createdb \(address.database)) or name an existing database")
                default:
                    return open("cannot connect to PostgreSQL at \(server): \(message) (SQLSTATE \(state))")
                }
            }
            switch error.code {
            case .sslUnsupported:
                return open("cannot connect to PostgreSQL at \(server): the server does not accept TLS connections and sslmode=\(address.tlsMode.rawValue) requires TLS; enable TLS on the server or use sslmode=prefer")
            case .authMechanismRequiresPassword:
                return open("cannot connect to PostgreSQL at \(server) as \(address.user): the server asks for a password and none was given; put it in PGPASSWORD or ~/.pgpass (or the URL)")
            case .connectionError, .serverClosedConnection, .uncleanShutdown:
                return open("cannot connect to PostgreSQL at \(server): \(underlyingWords(error.underlying)); check that the server is running and accepts TCP connections on that host and port")
            default:
                return open("cannot connect to PostgreSQL at \(server): \(error.code)\(error.underlying.map { ": \(underlyingWords($0))" } ?? "")")
            }
        }
        if error is NIOSSLError || String(describing: type(of: error)).contains("SSL") {
            return open("cannot connect to PostgreSQL at \(server): TLS failed (\(error)); check sslmode")
        }
        return open("cannot connect to PostgreSQL at \(server): \(underlyingWords(error)); check that the server is running and accepts TCP connections on that host and port")
    }

    /// A failed statement as a `StoreFailure`: the server's own message (and SQLSTATE), or, when the
    /// connection was lost, which server and that nothing was written.
    static func translate(_ error: any Error, address: PostgreSQLAddress) -> StoreFailure {
        if let failure = error as? StoreFailure { return failure }
        if error is ConnectionClosed {
            return StoreFailure(message: "the connection to PostgreSQL at \(address.server) was lost; the transaction under way was rolled back: check the server and run the command again")
        }
        guard let error = error as? PSQLError else {
            return StoreFailure(message: "PostgreSQL at \(address.server): \(error)")
        }
        if let info = error.serverInfo {
            let detail = info[.detail].map { " (\($0))" } ?? ""
            return StoreFailure(code: sqlStateCode(info[.sqlState]), message: (info[.message] ?? "\(error.code)") + detail)
        }
        switch error.code {
        case .serverClosedConnection, .connectionError, .uncleanShutdown, .clientClosedConnection:
            return StoreFailure(message: "the connection to PostgreSQL at \(address.server) was lost (\(underlyingWords(error.underlying))); the transaction under way was rolled back: check the server and run the command again")
        default:
            return StoreFailure(message: "PostgreSQL at \(address.server): \(error.code)\(error.underlying.map { ": \(underlyingWords($0))" } ?? "")")
        }
    }

    /// The SQLSTATE packed in an integer (its five characters, base 36), for `StoreFailure.code`.
    static func sqlStateCode(_ state: String?) -> Int32? {
        guard let state, state.count == 5, let value = Int32(state, radix: 36) else { return nil }
        return value
    }

    private static func underlyingWords(_ error: (any Error)?) -> String {
        guard let error else { return "no reason given" }
        if let error = error as? IOError { return error.description }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("connectTimeout") { return "no answer within 10 s" }
        return text
    }
}
