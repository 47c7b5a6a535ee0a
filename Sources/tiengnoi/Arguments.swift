import Answers
import ArgumentParser
import Storage

// Values the command line takes by name: ArgumentParser refuses anything else with the list of
// what it accepts (and a non-zero exit), as swift-argument-parser's Examples/math does.
extension StaffRole: ExpressibleByArgument {}
extension AnswerStatus: ExpressibleByArgument {}
