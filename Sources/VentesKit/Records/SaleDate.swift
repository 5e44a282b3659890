import Foundation

/// A calendar date as stored: `yyyy-mm-dd` (built only by parsing, which validates it against the calendar).
public struct SaleDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public static func < (lhs: SaleDate, rhs: SaleDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `2023-05-27`.
    public var description: String {
        // Ten ASCII bytes: a small string, built without any allocation (one per imported sale).
        String(unsafeUninitializedCapacity: 10) { buffer in
            var index = 0
            func put(_ value: Int, digits: Int) {
                var divisor = 1
                for _ in 1..<digits { divisor *= 10 }
                while divisor > 0 {
                    buffer[index] = UInt8(0x30 + (value / divisor) % 10)
                    index += 1
                    divisor /= 10
                }
            }
            put(year, digits: 4)
            buffer[index] = UInt8(ascii: "-"); index += 1
            put(month, digits: 2)
            buffer[index] = UInt8(ascii: "-"); index += 1
            put(day, digits: 2)
            return index
        }
    }
}

/// Why a text is not a date.
public struct DateProblem: Error, Equatable, CustomStringConvertible {
    public let description: String
}
