import Testing
@testable import VentesKit

@Suite struct JSONValueTests {
    @Test func writesMoneyExactlyAndKeepsKeyOrder() {
        let value = JSONValue.object([
            ("z", .money(Cents(526878))), ("a", .array([.integer(1), .real(0.5), .null, .bool(true)])),
            ("s", .string("quote \" backslash \\ newline \n tab \t bell \u{7} é")),
        ])
        #expect(value.serialized() == #"{"z":5268.78,"a":[1,0.5,null,true],"s":"quote \" backslash \\ newline \n tab \t bell \u0007 é"}"#)
    }
}
