import ReportModel

/// The privacy rule for groups (genres, terms, sources, models): a group is shown only when at
/// least `minUsers` distinct listeners back it; the others are folded together, and even their
/// sums are shown only when the folded groups together are backed by `minUsers` listeners.
struct GroupFolding {
  /// `--min-users`.
  let minUsers: Int

  /// Folded groups: `make`'s sums when together they are backed by at least `minUsers` users,
  /// else only their number; `nil` when nothing was folded.
  func fold(_ groups: Int, users: Int, make: (Int) -> FoldedGroups) -> FoldedGroups? {
    guard groups > 0 else { return nil }
    return users >= minUsers ? make(users) : FoldedGroups(groups: groups, users: nil)
  }

  /// Splits rated groups into those rated by at least `minUsers` distinct users (`raters` gives
  /// a group's raters by index) and the folded rest, backed by `foldedUsers` together.
  func publishable(
    _ groups: [(index: Int, group: RatedGroup)], raters: (Int) -> Int, foldedUsers: Int
  ) -> ([RatedGroup], FoldedGroups?) {
    var shown: [RatedGroup] = []
    var folded: [(index: Int, group: RatedGroup)] = []
    for item in groups {
      if raters(item.index) >= minUsers {
        shown.append(item.group)
      } else {
        folded.append(item)
      }
    }
    let other = fold(folded.count, users: foldedUsers) { users in
      FoldedGroups(
        groups: folded.count, users: users, likes: folded.map(\.group.likes).reduce(0, +),
        dislikes: folded.map(\.group.dislikes).reduce(0, +))
    }
    return (shown, other)
  }
}
