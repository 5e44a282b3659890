import Testing
@testable import VentesKit

@Suite("Decimal separator") struct DecimalSeparatorTests {
    func verdict(_ values: [String]) -> DecimalSeparator? {
        var survey = DecimalSeparatorSurvey()
        for value in values { survey.observe(value) }
        return survey.verdict
    }

    @Test("the column's values settle the separator; three digits after a lone separator say nothing")
    func verdicts() {
        #expect(verdict(["49,99", "1 234,56"]) == .comma)
        #expect(verdict(["49.99", "1,234.56"]) == .dot)
        #expect(verdict(["1.234.567", "12"]) == .comma)
        #expect(verdict(["1,234", "1.234"]) == nil)
        #expect(verdict(["1,234", "5,5"]) == .comma)
        #expect(verdict(["49.99", "49,99"]) == nil)
        #expect(verdict(["12", ""]) == nil)
    }

    @Test("thousands separators: space, no-break space, narrow no-break space, dot, comma, apostrophe")
    func thousands() throws {
        for text in ["1 234,56", "1\u{00A0}234,56", "1\u{202F}234,56", "1.234,56", "1,234.56", "1'234.56", " 1 234,56 € "] {
            #expect(try Cents.parse(text) == Cents(123456), "\(text)")
        }
        #expect(try Cents.parse("12 345 678,90", decimalSeparator: .comma) == Cents(1234567890))
    }

    @Test("a known separator makes the other one a thousands separator")
    func forcedSeparator() throws {
        #expect(try Cents.parse("1.234", decimalSeparator: .comma) == Cents(123400))
        #expect(try Cents.parse("1,234", decimalSeparator: .dot) == Cents(123400))
        #expect(try Cents.parse("49,9", decimalSeparator: .comma) == Cents(4990))
        #expect(throws: Cents.ParseError.notANumber("49.99")) { try Cents.parse("49.99", decimalSeparator: .comma) }
        #expect(throws: Cents.ParseError.notANumber("1,2,3")) { try Cents.parse("1,2,3", decimalSeparator: .comma) }
        #expect(throws: Cents.ParseError.tooManyDecimals("1.234")) { try Cents.parse("1.234") }
    }

    @Test("a digit group after a thousands separator has three digits")
    func groupsOfThree() {
        #expect(throws: Cents.ParseError.notANumber("12 34,00")) { try Cents.parse("12 34,00") }
        #expect(throws: Cents.ParseError.notANumber("1 2345")) { try Cents.parse("1 2345") }
    }
}
