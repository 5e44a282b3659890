import Testing
@testable import VentesKit

@Suite struct SaleDateTests {
    @Test(arguments: [
        ("2023-05-27", "2023-05-27"), ("27/05/2023", "2023-05-27"), ("2024-02-29", "2024-02-29"),
        ("2023-05-27 14:03:00", "2023-05-27"), ("2023-05-27T14:03:00Z", "2023-05-27"),
    ])
    func parses(text: String, iso: String) throws {
        #expect(try SaleDate.parse(text).get().description == iso)
    }

    @Test(arguments: [
        ("2023-02-30", "2023-02-30 is not a date"), ("2023-02-29", "2023-02-29 is not a date"),
        ("2023-13-01", "2023-13-01 is not a date"), ("", "date is empty"),
        ("yesterday", "date \"yesterday\" is not in a known format (yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy)"),
    ])
    func explainsWhatIsNotADate(text: String, reason: String) {
        guard case .failure(let problem) = SaleDate.parse(text) else {
            Issue.record("\(text) parsed as a date")
            return
        }
        #expect(problem.description == reason)
    }
}
