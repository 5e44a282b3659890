import Testing
@testable import VentesKit

@Suite struct CentsTests {
    @Test(arguments: [
        ("49.99", 4999), ("49,99", 4999), ("49", 4900), ("49.9", 4990), ("0,05", 5),
        ("1 234,56", 123456), ("1\u{00A0}234,56", 123456), ("1\u{202F}234,56", 123456),
        ("1.234,56", 123456), ("1,234.56", 123456), (" 19.99 ", 1999), ("19,99 €", 1999), ("49.990", 4999),
    ] as [(String, Int64)])
    func parsesWhatSpreadsheetsWrite(text: String, cents: Int64) throws {
        #expect(try Cents.parse(text) == Cents(cents))
    }

    @Test func refusesWhatIsNotAnAmount() {
        #expect(throws: Cents.ParseError.empty) { try Cents.parse("  ") }
        #expect(throws: Cents.ParseError.negative("-3")) { try Cents.parse("-3") }
        #expect(throws: Cents.ParseError.tooManyDecimals("49.999")) { try Cents.parse("49.999") }
        #expect(throws: Cents.ParseError.notANumber("abc")) { try Cents.parse("abc") }
        #expect(throws: Cents.ParseError.notANumber("4 9,9 9")) { try Cents.parse("4 9,9 9") }
        #expect(throws: Cents.ParseError.tooLarge("99999999999999999999")) { try Cents.parse("99999999999999999999") }
    }

    @Test func rendersExactlyTwoDecimals() {
        #expect(Cents(526878).description == "5268.78")
        #expect(Cents(5).description == "0.05")
        #expect(Cents(-150).description == "-1.50")
        #expect(Cents(526878).formatted(decimalSeparator: ",", groupingSeparator: " ") == "5 268,78")
        #expect(Cents(123456789).formatted(decimalSeparator: ".", groupingSeparator: ",") == "1,234,567.89")
    }
}
