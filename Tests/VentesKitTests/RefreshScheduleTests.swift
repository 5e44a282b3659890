import Foundation
import Testing
@testable import VentesKit

/// The refresh interval as people write it, and when the next cycle starts after failures.
@Suite("Refresh interval and schedule")
struct RefreshScheduleTests {
    @Test("durations as people write them", arguments: [
        ("15m", 900_000), ("30s", 30_000), ("1h30m", 5_400_000), ("500ms", 500), ("1d", 86_400_000), (" 2S ", 2_000),
        ("1m30s", 90_000), ("90s", 90_000),
    ])
    func parses(text: String, milliseconds: Int64) throws {
        #expect(try RefreshInterval(parsing: text).milliseconds == milliseconds)
    }

    @Test("the description is the shortest way to write it", arguments: [("90s", "1m30s"), ("15m", "15m"), ("1500ms", "1s500ms")])
    func describes(text: String, description: String) throws {
        #expect(try RefreshInterval(parsing: text).description == description)
    }

    @Test("a text that is not a positive duration of at most a year is refused with what is wrong", arguments: [
        ("", "it is empty"), ("15", "15 has no unit"), ("15x", "unknown unit \"x\""), ("0s", "longer than zero"),
        ("-5m", "expected a number at \"-5m\""), ("400d", "longer than a year"), ("m", "expected a number at \"m\""),
        ("99999999999999999999s", "longer than a year"),
    ])
    func refuses(text: String, reason: String) {
        #expect {
            try RefreshInterval(parsing: text)
        } throws: { error in
            let description = String(describing: error)
            return description.contains(reason) && description.contains("write a duration such as 30s, 15m, 1h")
        }
    }

    @Test("after failures the next cycle comes sooner, backing off up to the interval; a success resets it")
    func backsOff() throws {
        var schedule = RefreshSchedule(interval: try RefreshInterval(parsing: "15m"))
        #expect(schedule.record(.unchanged) == 900)
        #expect([schedule.record(.failed), schedule.record(.failed), schedule.record(.failed)] == [10, 20, 40])
        #expect(schedule.consecutiveFailures == 3)
        for _ in 0..<20 { _ = schedule.record(.failed) }
        #expect(schedule.record(.failed) == 900)
        #expect(schedule.record(.refreshed) == 900)
        #expect(schedule.consecutiveFailures == 0)
    }

    @Test("with a short interval a retry never waits longer than the interval")
    func shortInterval() throws {
        var schedule = RefreshSchedule(interval: try RefreshInterval(parsing: "1s"))
        #expect(schedule.record(.failed) == 1)
        #expect(schedule.record(.failed) == 1)
    }
}
