import Foundation

/// Colours from the Government Analysis Function accessible palette.
public enum Palette {
    /// Categorical colours, used in this order.
    public static let categorical = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]
    /// The colour of single-series bars.
    public static let singleSeries = "#12436D"
    /// Axis lines.
    public static let axis = "#595959"
    /// Gridlines.
    public static let gridline = "#BFBFBF"
    /// Text.
    public static let text = "#0B0C0C"
    /// White, for separators and text on dark fills.
    public static let white = "#FFFFFF"

    /// The categorical colour for the `index`-th part (cycling if there are more than six).
    public static func categorical(_ index: Int) -> String {
        categorical[index % categorical.count]
    }

    /// The text colour (white or `text`) with the higher contrast on `fill`.
    public static func textColour(on fill: String) -> String {
        let background = relativeLuminance(fill)
        let onWhite = (relativeLuminance(white) + 0.05) / (background + 0.05)
        let onDark = (background + 0.05) / (relativeLuminance(text) + 0.05)
        return onWhite >= onDark ? white : text
    }

    /// WCAG 2 contrast ratio between two `#RRGGBB` colours (1 to 21).
    public static func contrast(_ a: String, _ b: String) -> Double {
        let la = relativeLuminance(a), lb = relativeLuminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// WCAG 2 relative luminance of a `#RRGGBB` colour (0 for anything unparsable).
    public static func relativeLuminance(_ hex: String) -> Double {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return 0 }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }
}
