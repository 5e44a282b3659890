import Foundation
import PostgresNIO

/// A PostgreSQL value as an analysis result holds it, typed as SQLite would have returned it, so
/// that the same query gives the same output on both stores: integers (and booleans, 0/1) as
/// integers; a `numeric` without decimals (what `SUM` of a `bigint` gives) as an integer, one with
/// decimals (`ROUND(x, 2)`, `AVG`) as a real; floats as reals; a `date` as `yyyy-mm-dd` text;
/// anything else as its text.
enum PostgreSQLResultValue {
    static func value(_ cell: PostgresCell) throws -> ResultValue {
        guard var bytes = cell.bytes else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8:
            return .integer(try cell.decode(Int64.self))
        case .bool:
            return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8:
            return .real(try cell.decode(Double.self))
        case .numeric:
            return try numeric(cell, bytes: bytes)
        case .date where cell.format == .binary:
            guard let days = bytes.readInteger(as: Int32.self) else { return .null }
            return .text(dateText(daysSince2000: Int(days)))
        case .timestamp, .timestamptz:
            return .text(Timestamp.iso8601(try cell.decode(Date.self)))
        default:
            return .text(try cell.decode(String.self))
        }
    }

    /// A `numeric`: its display scale (the fourth 16-bit word of the binary form) says whether it has decimals.
    private static func numeric(_ cell: PostgresCell, bytes: ByteBuffer) throws -> ResultValue {
        let decimal = try cell.decode(Decimal.self)
        let scale = cell.format == .binary ? bytes.getInteger(at: bytes.readerIndex + 6, as: Int16.self) ?? 0 : 0
        let text = decimal.description
        if scale == 0, let integer = Int64(text) { return .integer(integer) }
        return .real(Double(text) ?? NSDecimalNumber(decimal: decimal).doubleValue)
    }

    /// The date `days` after 2000-01-01 as `yyyy-mm-dd` (Howard Hinnant's civil-from-days).
    static func dateText(daysSince2000 days: Int) -> String {
        let z = days + 10_957 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
