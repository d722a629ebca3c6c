/// The codes and labels that cases may refer to, as far as they could be read.
///
/// A `nil` set means its file could not be read at all; references are then not
/// checked, so that one broken file does not bury the run in follow-on errors.
struct Declarations {
    var areaCodes: [String]?
    var ethnicities: [String]?
    var themeCodes: [String]?
}
