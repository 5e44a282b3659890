import Foundation

/// Timestamps as stored: ISO 8601 in UTC, to the millisecond.
enum Timestamp {
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
