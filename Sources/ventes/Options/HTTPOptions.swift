import ArgumentParser
import VentesKit

/// The bounds of downloads, for sources given as http(s) URLs.
struct HTTPOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Seconds without an answer before a download attempt gives up.", valueName: "seconds"))
    var httpTimeout: Double = FetchPolicy().timeout

    @Option(help: ArgumentHelp("Attempts per URL (network errors, 5xx and 429 are retried).", valueName: "n"))
    var httpAttempts: Int = FetchPolicy().maxAttempts

    @Option(help: ArgumentHelp("Seconds before the first retry, doubled for each next one.", valueName: "seconds"))
    var httpBackoff: Double = FetchPolicy().backoff

    @Option(help: ArgumentHelp("The largest download accepted, in bytes.", valueName: "bytes"))
    var httpMaxBytes: Int = FetchPolicy().maxBytes

    func validate() throws {
        guard httpTimeout > 0 else { throw ValidationError("'--http-timeout' must be more than 0 seconds") }
        guard httpAttempts >= 1 else { throw ValidationError("'--http-attempts' must be at least 1") }
        guard httpBackoff >= 0 else { throw ValidationError("'--http-backoff' cannot be negative") }
        guard httpMaxBytes > 0 else { throw ValidationError("'--http-max-bytes' must be more than 0") }
    }

    var policy: FetchPolicy {
        var policy = FetchPolicy()
        policy.timeout = httpTimeout
        policy.maxAttempts = httpAttempts
        policy.backoff = httpBackoff
        policy.maxBytes = httpMaxBytes
        return policy
    }
}
