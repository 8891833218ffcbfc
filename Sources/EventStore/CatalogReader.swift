/// The catalog-and-features role of a source: the tracks, their genres, details and audio
/// features, and which tracks a listener already touched. What a build's catalog, the pages'
/// track names and the recommender read.
///
/// Every listing is in the canonical byte order of the track ids (``SQLDialect/byteOrder(_:)``),
/// so that the same rows give the same catalog from any source.
public protocol CatalogReader {
  /// Every track id, in byte order (``SQLDialect/byteOrder(_:)``), and its genres. Genre rows
  /// naming an unknown track are ignored.
  func loadCatalog() throws -> Catalog

  /// A digest of the rows ``loadCatalog()`` reads, without building the catalog: when it equals
  /// a catalog's ``Catalog/rowsDigest``, the rows are the ones that catalog was built from, so
  /// a build that kept that catalog can use it instead of loading it again. `withFeatures`, the
  /// same pass over `tracks` also digests its audio features, as
  /// ``TrackFeatureValues/rowsDigest`` does (`nil` when the source does not, or a feature column
  /// is missing). `nil` when the source cannot tell more cheaply than by loading the catalog.
  func catalogRowsDigest(withFeatures: Bool) throws -> CatalogRowsDigest?

  /// Title, artist and album of the given track ids (those found in `tracks`).
  func trackDetails(_ ids: [String]) throws -> [String: TrackDetails]

  /// Every track's audio features: the five of ``SchemaV1/audioFeatures``, then the
  /// ``SchemaV1/optionalFeatures`` the table has.
  /// - Throws: ``EventStoreError`` naming the missing column when one of the five is missing.
  func trackFeatures() throws -> TrackFeatureRows

  /// Only the numbers of every track's audio features, each track named by its index in
  /// `catalog`: what a build clusters. The same tracks, order and values as
  /// ``trackFeatures()`` gives the recommender, so both find the same clusters.
  /// - Throws: ``EventStoreError`` naming the missing column when one of the five is missing.
  func trackFeatureValues(catalog: Catalog) throws -> TrackFeatureValues

  /// The tracks a listener played (activity of kind `play`, in any case or spacing)
  /// or rated (any feedback row): what a recommendation for them leaves out.
  func tracksTouched(by userID: String) throws -> Set<String>
}

extension CatalogReader {
  /// No cheaper way than loading the catalog: `nil`.
  public func catalogRowsDigest(withFeatures: Bool) throws -> CatalogRowsDigest? { nil }

  /// The digest of the catalog's rows alone (``catalogRowsDigest(withFeatures:)``).
  public func catalogRowsDigest() throws -> UInt64? {
    try catalogRowsDigest(withFeatures: false)?.catalog
  }
}

/// What ``CatalogReader/catalogRowsDigest(withFeatures:)`` digests in one pass.
public struct CatalogRowsDigest: Sendable, Equatable {
  /// The digest of the catalog's rows (``Catalog/rowsDigest``).
  public var catalog: UInt64
  /// The digest of the audio features (``TrackFeatureValues/rowsDigest``), when asked for and
  /// every feature column is there.
  public var features: UInt64?

  /// The two digests.
  public init(catalog: UInt64, features: UInt64?) {
    (self.catalog, self.features) = (catalog, features)
  }
}
