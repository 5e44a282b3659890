import ArgumentParser
import VentesKit

/// The dialect overrides of an import: each one replaces what would be detected from the files.
struct DialectOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The field delimiter of every file: \",\", \";\", tab or \"|\" (default: detected).", valueName: "char"))
    var delimiter: String?

    @Option(help: ArgumentHelp("The text encoding of every file: utf-8 or windows-1252 (default: detected).", valueName: "name"))
    var encoding: String?

    @Option(help: ArgumentHelp("How the sales dates are written: dd/mm/yyyy, mm/dd/yyyy or yyyy-mm-dd (default: detected from the dates, else remembered from an earlier import of the file).", valueName: "format"))
    var dateFormat: String?

    @Flag(help: "Read prices with a decimal comma (\"1.234,56\") instead of detecting the separator.")
    var decimalComma = false

    func validate() throws {
        if let delimiter, CSVDialect.delimiter(named: delimiter) == nil {
            throw ValidationError("--delimiter \"\(delimiter)\" is not one of \",\", \";\", tab, \"|\"")
        }
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("--encoding \"\(encoding)\" is not one of utf-8, windows-1252")
        }
        if let dateFormat, DateColumnFormat(name: dateFormat) == nil {
            throw ValidationError("--date-format \"\(dateFormat)\" is not one of dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd")
        }
    }

    /// The import options with these overrides applied.
    func importOptions(strict: Bool) -> ImportOptions {
        var options = ImportOptions(strict: strict)
        options.delimiter = delimiter.flatMap(CSVDialect.delimiter(named:))
        options.encoding = encoding.flatMap(TextEncoding.init(name:))
        options.dateFormat = dateFormat.flatMap(DateColumnFormat.init(name:))
        options.decimalSeparator = decimalComma ? .comma : nil
        return options
    }
}
