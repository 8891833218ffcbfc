extension Theme {
  /// The built-in theme's files, file name → contents: `site-templates/` as it was when the
  /// binary was built. `tunedash theme --out DIR` writes them out as a starting point for
  /// `--templates DIR`; loading that folder unchanged gives the same theme as ``builtIn()``.
  public static var builtInFiles: [String: String] { DefaultTheme.files }
}
