import Engine
import EventStore
import Foundation
import ReportModel

/// A build's whole sound model, kept in its state for the next build: when the catalog is kept
/// (its rows unchanged) and the audio features' digest (``FeatureRowsDigest``), k and the
/// clustering method are the same, the next build takes the model as it is — without reading the
/// features, standardising them, digesting them or projecting the sound map, which the
/// clusters' own cache (``SoundCache``) still needs.
struct KeptSound: Sendable {
  /// The digest of the features the model was made from.
  let featureRows: UInt64
  /// The number of clusters asked for.
  let clusters: Int
  /// ``SoundCache/method`` when the model was made.
  let method: Int64
  /// The fingerprint of the catalog the model maps.
  let catalogFingerprint: UInt64
  /// The model.
  let model: SoundModel

  /// The model of `features` (whose ``TrackFeatureValues/rowsDigest`` it keeps) for the next
  /// build; `nil` when the source gave no digest.
  init?(_ model: SoundModel, features: TrackFeatureValues, clusters: Int, catalog: Catalog) {
    guard let digest = features.rowsDigest else { return nil }
    (featureRows, self.clusters, method) = (digest, clusters, SoundCache.method)
    catalogFingerprint = catalog.fingerprint
    self.model = model
  }

  /// Whether the model is the one this build would make: the same feature rows (`featureRows`,
  /// read with the catalog's rows), k, method and catalog.
  func applies(featureRows now: UInt64?, clusters k: Int, catalog: Catalog) -> Bool {
    featureRows == now && clusters == k && method == SoundCache.method
      && catalogFingerprint == catalog.fingerprint
      && model.clusterOfTrack.count == catalog.trackCount
  }

  func encode(into writer: inout BinaryWriter) {
    writer.write(featureRows)
    writer.write(Int64(clusters))
    writer.write(method)
    writer.write(catalogFingerprint)
    writer.write(model.clusterOfTrack)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    // A SoundReport is numbers and strings: it always encodes.
    writer.write(Array((try? encoder.encode(model.report)) ?? Data()))
  }

  /// Reads what ``encode(into:)`` wrote. The model's clusters are the state's own cache
  /// (``EngineState/sound``, the same value, so it is written once).
  init(from reader: inout BinaryReader, cache: SoundCache?) throws {
    featureRows = try reader.read(UInt64.self)
    clusters = Int(try reader.read(Int64.self))
    method = try reader.read(Int64.self)
    catalogFingerprint = try reader.read(UInt64.self)
    let clusterOfTrack = try reader.readArray(Int32.self)
    let report = try JSONDecoder().decode(
      SoundReport.self, from: Data(try reader.readArray(UInt8.self)))
    model = SoundModel(clusterOfTrack: clusterOfTrack, report: report, cache: cache)
  }
}
