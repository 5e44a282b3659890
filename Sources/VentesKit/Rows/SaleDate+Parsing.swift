import Foundation

extension SaleDate {
    /// Accepts ISO `2023-05-27` (with an optional time part, which is dropped) and slash dates
    /// read in `format`'s order (`27/05/2023` day first, `5/27/2023` month first); returns a
    /// sentence saying what is wrong otherwise.
    public static func parse(_ text: String, format: DateColumnFormat = .dayMonthYear) -> Result<SaleDate, DateProblem> {
        if let date = parseFixedWidth(text, format: format) { return .success(date) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .failure(DateProblem(description: "date is empty")) }
        let datePart = trimmed.split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? trimmed
        let parts: [Substring]
        let year: Int?, month: Int?, day: Int?
        if datePart.contains("-") {
            parts = datePart.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4 else { return .failure(notADate(text)) }
            (year, month, day) = (Int(parts[0]), Int(parts[1]), Int(parts[2]))
        } else if datePart.contains("/") {
            parts = datePart.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 else {
                return .failure(notADate(text))
            }
            switch format {
            case .iso:
                return .failure(DateProblem(description: "date \"\(trimmed)\" is not in the yyyy-mm-dd format the column was given"))
            case .dayMonthYear: (year, month, day) = (Int(parts[2]), Int(parts[1]), Int(parts[0]))
            case .monthDayYear: (year, month, day) = (Int(parts[2]), Int(parts[0]), Int(parts[1]))
            }
        } else {
            return .failure(notADate(text))
        }
        guard let year, let month, let day, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && !$0.isEmpty }) else {
            return .failure(notADate(text))
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), year >= 1900, year <= 2200 else {
            let reading = datePart.contains("/") ? " (read as \(format.rawValue))" : ""
            return .failure(DateProblem(description: "\(datePart) is not a date\(reading)"))
        }
        return .success(SaleDate(year: year, month: month, day: day))
    }

    /// The fast path for the usual `yyyy-mm-dd` and `dd/mm/yyyy`, straight from the bytes;
    /// nil sends the text to the general parser (which also explains what is wrong).
    private static func parseFixedWidth(_ text: String, format: DateColumnFormat) -> SaleDate? {
        let date = text.utf8.withContiguousStorageIfAvailable { bytes -> SaleDate? in
            guard bytes.count == 10 else { return nil }
            let year: Int, month: Int, day: Int
            if bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-") {
                (year, month, day) = (number(bytes, 0, 4), number(bytes, 5, 2), number(bytes, 8, 2))
            } else if bytes[2] == UInt8(ascii: "/") && bytes[5] == UInt8(ascii: "/") && format == .dayMonthYear {
                (day, month, year) = (number(bytes, 0, 2), number(bytes, 3, 2), number(bytes, 6, 4))
            } else if bytes[2] == UInt8(ascii: "/") && bytes[5] == UInt8(ascii: "/") && format == .monthDayYear {
                (month, day, year) = (number(bytes, 0, 2), number(bytes, 3, 2), number(bytes, 6, 4))
            } else {
                return nil
            }
            // A part that is not all digits reads as -1 and fails these checks.
            guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
                  year >= 1900, year <= 2200 else { return nil }
            return SaleDate(year: year, month: month, day: day)
        }
        return date ?? nil
    }

    /// The decimal number written by the `count` bytes at `start`, or -1 when one is not a digit.
    @inline(__always)
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int {
        var value = 0
        for index in start..<(start + count) {
            let digit = bytes[index] &- UInt8(ascii: "0")
            if digit > 9 { return -1 }
            value = value * 10 + Int(digit)
        }
        return value
    }

    private static func notADate(_ text: String) -> DateProblem {
        DateProblem(description: "date \"\(text)\" is not in a known format (yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy)")
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
