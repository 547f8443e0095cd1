/// An `Encoder` that turns any `Encodable` value into a `JSONValue` tree (which then writes the
/// text). A NaN or infinite number is an `EncodingError.invalidValue` naming its coding path.
struct JSONValueEncoder {
  static func value<Value: Encodable>(of value: Value) throws -> JSONValue {
    let root = Node()
    try value.encode(to: NodeEncoder(node: root, codingPath: []))
    return root.value
  }

  /// A place in the tree being filled: a scalar, or an object or array of further places.
  final class Node {
    enum Content {
      case empty
      case scalar(JSONValue)
      case object([String: Node])
      case array([Node])
    }
    var content = Content.empty

    var value: JSONValue {
      switch content {
      case .empty: .object([:])
      case .scalar(let value): value
      case .object(let members): .object(members.mapValues(\.value))
      case .array(let elements): .array(elements.map(\.value))
      }
    }

    func member(_ key: String) -> Node {
      var members: [String: Node] = [:]
      if case .object(let existing) = content { members = existing }
      let child = Node()
      members[key] = child
      content = .object(members)
      return child
    }

    func appended() -> Node {
      var elements: [Node] = []
      if case .array(let existing) = content { elements = existing }
      let child = Node()
      elements.append(child)
      content = .array(elements)
      return child
    }

    var count: Int {
      if case .array(let elements) = content { return elements.count }
      return 0
    }
  }

  struct NodeEncoder: Encoder {
    let node: Node
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
      if case .object = node.content {} else { node.content = .object([:]) }
      return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
      if case .array = node.content {} else { node.content = .array([]) }
      return Unkeyed(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
  }

  /// Sets `node` to the scalar form of `value`, or encodes `value` into it.
  static func encode<Value: Encodable>(_ value: Value, into node: Node, codingPath: [any CodingKey]) throws {
    func finite(_ number: Double) throws -> JSONValue {
      guard number.isFinite else {
        throw EncodingError.invalidValue(number, EncodingError.Context(codingPath: codingPath, debugDescription: "JSON has no NaN or infinity"))
      }
      return .number(number)
    }
    switch value {
    case let text as String: node.content = .scalar(.string(text))
    case let flag as Bool: node.content = .scalar(.bool(flag))
    case let number as Double: node.content = .scalar(try finite(number))
    case let number as Float:
      guard number.isFinite else {
        throw EncodingError.invalidValue(number, EncodingError.Context(codingPath: codingPath, debugDescription: "JSON has no NaN or infinity"))
      }
      // The shortest text that reads back to this Float, as a Double of the same decimal value.
      node.content = .scalar(.number(Double(number.description)!))
    case let integer as any FixedWidthInteger & SignedInteger: node.content = .scalar(.integer(Int64(integer)))
    case let integer as any FixedWidthInteger & UnsignedInteger: node.content = .scalar(.unsignedInteger(UInt64(integer)))
    default: try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
    }
  }

  struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.member(key.stringValue).content = .scalar(.null) }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
      try JSONValueEncoder.encode(value, into: node.member(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
      NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
      NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.member("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]) }
  }

  struct Unkeyed: UnkeyedEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey]
    var count: Int { node.count }

    private func indexKey() -> any CodingKey { IndexKey(intValue: node.count) }

    mutating func encodeNil() throws { node.appended().content = .scalar(.null) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
      let key = indexKey()
      try JSONValueEncoder.encode(value, into: node.appended(), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
      let key = indexKey()
      return NodeEncoder(node: node.appended(), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
      let key = indexKey()
      return NodeEncoder(node: node.appended(), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
      let key = indexKey()
      return NodeEncoder(node: node.appended(), codingPath: codingPath + [key])
    }
  }

  struct Single: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .scalar(.null) }
    mutating func encode<Value: Encodable>(_ value: Value) throws { try JSONValueEncoder.encode(value, into: node, codingPath: codingPath) }
  }

  struct IndexKey: CodingKey {
    var stringValue: String { "\(intValue!)" }
    var intValue: Int?
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
  }
}
