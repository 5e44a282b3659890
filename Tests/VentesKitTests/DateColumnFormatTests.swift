import Testing
@testable import VentesKit
