import NIOCore

extension SaleBatch {
    /// Appends sales `rows` but those in `skipped` (ascending) to `buffer` in `COPY`'s text format
    /// (`appendCopyLine`). Returns whether any sale has a sale ref.
    func appendCopyText(_ rows: Range<Int>, skipping skipped: [Int] = [], importID: Int64? = nil,
                        to buffer: inout ByteBuffer) -> Bool {
        precondition(records.isEmpty, "a PostgreSQL store lays every batch out (PostgreSQLStore.prepareSales)")
        var hasSaleRefs = false
        buffer.reserveCapacity(minimumWritableBytes: text.count + rows.count * 56)
        var nextSkipped = skipped.startIndex
        for sale in rows {
            if nextSkipped < skipped.endIndex, skipped[nextSkipped] == sale {
                nextSkipped += 1
                continue
            }
            if appendCopyLine(sale, importID: importID, to: &buffer) { hasSaleRefs = true }
        }
        return hasSaleRefs
    }

    /// Appends sale `sale` to `buffer` as a line of `COPY`'s text format: store id, date, product
    /// id, sale ref, quantity, unit price, revenue, line, then `importID` when there is one
    /// (`PostgreSQLSaleLoad`'s columns). Returns whether it has a sale ref. The texts go byte for
    /// byte, backslash, tab, line feed and carriage return escaped as `COPY` reads them back.
    func appendCopyLine(_ sale: Int, importID: Int64?, to buffer: inout ByteBuffer) -> Bool {
        var hasSaleRef = false
        text.withUnsafeBufferPointer { text in
            var start = sale == 0 ? 0 : textEnds[sale * Self.textsPerSale - 1]
            for field in 0..<Self.textsPerSale {
                let end = textEnds[sale * Self.textsPerSale + field]
                if field == 3, end > start { hasSaleRef = true }
                Self.appendEscaped(UnsafeBufferPointer(rebasing: text[start..<end]), to: &buffer)
                buffer.writeInteger(UInt8(ascii: "\t"))
                start = end
            }
        }
        for number in 0..<Self.numbersPerSale {
            Self.appendDecimal(numbers[sale * Self.numbersPerSale + number], to: &buffer)
            buffer.writeInteger(UInt8(ascii: number == Self.numbersPerSale - 1 && importID == nil ? "\n" : "\t"))
        }
        if let importID {
            Self.appendDecimal(importID, to: &buffer)
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        return hasSaleRef
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to buffer: inout ByteBuffer) {
        // Ids and dates almost never hold a byte to escape: then they go in one copy.
        guard bytes.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        else {
            buffer.writeBytes(bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    private static func appendDecimal(_ value: Int64, to buffer: inout ByteBuffer) {
        if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // 32 bytes: 20 digits at most
        let count = withUnsafeMutableBytes(of: &digits) { digits -> Int in
            var index = digits.count
            repeat {
                index -= 1
                digits[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            return digits.count - index
        }
        _ = withUnsafeBytes(of: &digits) { digits in buffer.writeBytes(UnsafeRawBufferPointer(rebasing: digits[(digits.count - count)...])) }
    }
}
