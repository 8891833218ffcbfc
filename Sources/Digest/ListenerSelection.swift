import Foundation
import Recommender

/// Maps candidates to their recommendations, in order: how ``ListenerSelection`` runs the
/// per-listener work without starting threads itself.
public typealias RecommendationMap = (
  _ candidates: [ListenerSelection.Candidate],
  _ recommend:
    @escaping @Sendable (ListenerSelection.Candidate) -> [ContentRecommender.Recommendation]
) -> [[ContentRecommender.Recommendation]]

/// Who gets a digest this week, and with which songs: the listeners who picked a track from a
/// search, have a valid address, have not opted out, and for whom the recommender finds
/// something they have not already played or rated.
public struct ListenerSelection: Sendable {
  /// A listener who picked a track this week, with what the `users` table says of them.
  public struct Candidate: Sendable {
    /// `users.user_id`.
    public var userID: String
    /// `users.display_name`, as stored.
    public var displayName: String?
    /// `users.email`, as stored; `nil` when NULL or there is no `users` row.
    public var email: String?
    /// `users.email_opt_out` is 1.
    public var optedOut: Bool
    /// The ids of the tracks they picked, the latest first.
    public var picks: [String]
    /// The recommender's positions of every track they played or rated up to the week's end.
    public var heard: [Int]

    /// Creates a candidate.
    public init(
      userID: String, displayName: String?, email: String?, optedOut: Bool, picks: [String],
      heard: [Int]
    ) {
      self.userID = userID
      self.displayName = displayName
      self.email = email
      self.optedOut = optedOut
      self.picks = picks
      self.heard = heard
    }
  }

  /// A listener who gets a digest.
  public struct Chosen: Sendable {
    /// `users.user_id`.
    public var userID: String
    /// Where it goes: the address, and the display name cleaned for a header.
    public var recipient: Mailbox
    /// The display name as stored, for the greeting.
    public var displayName: String?
    /// The songs they picked, the latest first.
    public var picks: [DigestSong]
    /// The recommended songs, best first.
    public var songs: [DigestSong]
  }

  /// The listeners who get a digest, by user id.
  public var chosen: [Chosen] = []
  /// Candidates without an `email` (NULL, empty, or no `users` row).
  public var withoutEmail = 0
  /// Candidates whose `email` is not a valid address (see ``MailAddress``).
  public var invalidEmail = 0
  /// Candidates who opted out.
  public var optedOut = 0
  /// Candidates for whom nothing could be recommended: none of their picks has audio features,
  /// or every nearby song was already played or rated.
  public var nothingToRecommend = 0

  /// Chooses among `candidates` (in user-id order), recommending `count` songs to each from
  /// `recommender`, seeded by the mean of their picks that have features, leaving out what they
  /// played, rated or picked. `songs` names every track of the catalog by id. The
  /// recommendations are computed by `map` (`Workers.map` on every core, or `{ $0.map($1) }`);
  /// the result does not depend on it.
  public init(
    candidates: [Candidate], recommender: ContentRecommender, songs: [String: DigestSong],
    count: Int = 10, map: RecommendationMap = { $0.map($1) }
  ) {
    var eligible: [(Candidate, MailAddress)] = []
    for candidate in candidates.sorted(by: { $0.userID < $1.userID }) {
      guard let stored = candidate.email, !stored.trimmingCharacters(in: .whitespaces).isEmpty
      else {
        withoutEmail += 1
        continue
      }
      guard let address = MailAddress(stored) else {
        invalidEmail += 1
        continue
      }
      if candidate.optedOut {
        optedOut += 1
        continue
      }
      eligible.append((candidate, address))
    }
    let found = map(eligible.map(\.0)) { candidate in
      recommender.similar(
        to: candidate.picks.compactMap(recommender.index(of:)), count: count,
        excluding: Set(candidate.heard))
    }
    for ((candidate, address), songsFound) in zip(eligible, found) {
      guard !songsFound.isEmpty else {
        nothingToRecommend += 1
        continue
      }
      let name = candidate.displayName.map { MailText.headerName($0) }
      chosen.append(
        Chosen(
          userID: candidate.userID, recipient: Mailbox(name: name, address: address),
          displayName: candidate.displayName,
          picks: candidate.picks.compactMap { songs[$0] },
          songs: songsFound.compactMap { songs[$0.id] }))
    }
  }
}
