using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Slican.Cti.Protocol;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Cli;

/// <summary>
/// The JSON Lines form of decoded messages: an envelope (protocol, frame, offset, module, message, type) and the
/// typed fields exactly as the SDK's model holds them. The same form is read back by <c>encode</c>.
/// </summary>
internal sealed class MessageJson
{
    private const string Redacted = "***";
    private static readonly string[] s_envelopeOnly = ["Module", "Name", "ModuleName", "Command"];
    private readonly bool _showSecrets;
    private readonly JsonSerializerOptions _options;

    public MessageJson(bool showSecrets)
    {
        _showSecrets = showSecrets;
        _options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new TokenConverterFactory(), new ValueListConverterFactory(), new ElementConverter(), new JsonStringEnumConverter() },
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { HideEnvelopeProperties } },
        };
    }

    public string Xctip(XctipMessage message, int frame, long offset)
    {
        var envelope = new JsonObject
        {
            ["protocol"] = "xctip",
            ["frame"] = frame,
            ["offset"] = offset,
            ["module"] = message.Module,
            ["message"] = message.Name,
            ["type"] = message.GetType().Name,
        };
        envelope["fields"] = message is XctipUnknownMessage unknown
            ? new JsonObject { ["Element"] = ElementToJson(unknown.Element) }
            : Fields(message);
        return envelope.ToJsonString(_options);
    }

    public string Ctip(CtipMessage message, long offset)
    {
        var envelope = new JsonObject
        {
            ["protocol"] = "ctip",
            ["offset"] = offset,
            ["command"] = message.Command,
            ["type"] = message.GetType().Name,
            ["fields"] = Fields(message),
        };
        return envelope.ToJsonString(_options);
    }

    public XctipMessage ReadXctip(JsonElement line)
    {
        string module = line.GetProperty("module").GetString() ?? throw new JsonException("'module' is missing.");
        string name = line.GetProperty("message").GetString() ?? throw new JsonException("'message' is missing.");
        var fields = line.TryGetProperty("fields", out var f) ? f : default;
        if (name == "Answer")
        {
            var answer = fields.ValueKind == JsonValueKind.Object ? fields.Deserialize<XctipAnswer>(WithModule(module)) : null;
            return answer ?? new XctipAnswer(module);
        }

        var type = XctipCodec.GetMessageType(module, name);
        if (type is null)
        {
            var element = fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty("Element", out var e)
                ? JsonToElement(e)
                : new XctipElement(name, string.Empty);
            return new XctipUnknownMessage(module, element);
        }

        return (XctipMessage)(fields.ValueKind == JsonValueKind.Object ? fields.Deserialize(type, _options) : Activator.CreateInstance(type))!;
    }

    public CtipMessage ReadCtip(JsonElement line)
    {
        string typeName = line.GetProperty("type").GetString() ?? throw new JsonException("'type' is missing.");
        var type = typeof(CtipMessage).Assembly.GetType("Slican.Cti.Protocol.Ctip." + typeName);
        if (type is null || !typeof(CtipMessage).IsAssignableFrom(type))
        {
            throw new JsonException($"'{typeName}' is not a CTIP message type.");
        }

        var fields = line.TryGetProperty("fields", out var f) ? f : default;
        return (CtipMessage)Bind(type, fields);
    }

    /// <summary>
    /// Builds a message whose values are partly constructor-only (CTIP replies keep their tokens that way): the
    /// constructor whose parameters all appear in the JSON wins, then settable properties are filled in.
    /// </summary>
    private object Bind(Type type, JsonElement fields)
    {
        var present = fields.ValueKind == JsonValueKind.Object
            ? fields.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        // Absent fields were null when printed, so a parameter without a JSON value gets its default.
        var constructor = type.GetConstructors()
            .OrderByDescending(c => c.GetParameters().Count(p => p.Name is not null && present.ContainsKey(p.Name)))
            .ThenBy(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new JsonException($"{type.Name} has no public constructor.");
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var args = constructor.GetParameters().Select(p =>
        {
            used.Add(p.Name!);
            return present.TryGetValue(p.Name!, out var value) ? value.Deserialize(p.ParameterType, _options)
                : p.HasDefaultValue ? p.DefaultValue
                : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null;
        }).ToArray();
        object instance = constructor.Invoke(args);
        foreach (var (name, value) in present)
        {
            var property = type.GetProperty(name);
            if (!used.Contains(name) && property?.SetMethod is { IsPublic: true })
            {
                property.SetValue(instance, value.Deserialize(property.PropertyType, _options));
            }
        }

        return instance;
    }

    private JsonSerializerOptions WithModule(string module) => new(_options)
    {
        Converters = { new AnswerConverter(module, _options) },
    };

    private JsonNode Fields(object message)
    {
        var node = JsonSerializer.SerializeToNode(message, message.GetType(), _options) ?? new JsonObject();
        if (!_showSecrets)
        {
            Redact(node);
        }

        return node;
    }

    private static void Redact(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                if (IsSecret(key) && value is JsonValue)
                {
                    obj[key] = Redacted;
                }
                else if (value is not null)
                {
                    Redact(value);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not null)
                {
                    Redact(item);
                }
            }
        }
    }

    private static bool IsSecret(string name) =>
        name is "Pass" or "Password" or "Pin" or "SimPin" or "Key" or "AccessKey" || name.EndsWith("Key", StringComparison.Ordinal) || name.EndsWith("Pin", StringComparison.Ordinal);

    private static void HideEnvelopeProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties.ToList())
        {
            if (s_envelopeOnly.Contains(property.Name) && property.Set is null)
            {
                info.Properties.Remove(property);
            }
            else if (property.Name is "IsSuccess")
            {
                info.Properties.Remove(property);
            }
            else if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(ValueList<>))
            {
                property.ShouldSerialize = static (_, value) => value is System.Collections.IEnumerable items && items.GetEnumerator().MoveNext();
            }
        }
    }

    private static JsonObject ElementToJson(XctipElement element)
    {
        var obj = new JsonObject { ["Name"] = element.Name };
        if (element.Children.Count == 0)
        {
            obj["Text"] = element.Text;
        }
        else
        {
            obj["Children"] = new JsonArray([.. element.Children.Select(c => (JsonNode)ElementToJson(c))]);
        }

        return obj;
    }

    private static XctipElement JsonToElement(JsonElement json)
    {
        string name = json.GetProperty("Name").GetString() ?? throw new JsonException("An element needs a Name.");
        string text = json.TryGetProperty("Text", out var t) ? t.GetString() ?? string.Empty : string.Empty;
        var children = json.TryGetProperty("Children", out var c)
            ? ValueList<XctipElement>.From(c.EnumerateArray().Select(JsonToElement))
            : ValueList<XctipElement>.Empty;
        return new XctipElement(name, text, children);
    }

    /// <summary>Token structs (<c>FREE</c>, <c>AddRow</c>…) as plain strings.</summary>
    private sealed class TokenConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsValueType && typeToConvert.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IXctipToken<>));

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(TokenConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class TokenConverter<T> : JsonConverter<T>
        where T : struct, IXctipToken<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            T.Create(reader.GetString() ?? string.Empty);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }

    /// <summary>Repeated elements as JSON arrays.</summary>
    private sealed class ValueListConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ValueList<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(ValueListConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
    }

    private sealed class ValueListConverter<T> : JsonConverter<ValueList<T>>
    {
        public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ValueList<T>.From(JsonSerializer.Deserialize<List<T>>(ref reader, options));

        public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in value)
            {
                JsonSerializer.Serialize(writer, item, options);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>Kept elements as {Name, Text} or {Name, Children}.</summary>
    private sealed class ElementConverter : JsonConverter<XctipElement>
    {
        public override XctipElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            return JsonToElement(doc.RootElement);
        }

        public override void Write(Utf8JsonWriter writer, XctipElement value, JsonSerializerOptions options) =>
            ElementToJson(value).WriteTo(writer, options);
    }

    /// <summary>Answers carry their module in the envelope, not in the fields.</summary>
    private sealed class AnswerConverter(string module, JsonSerializerOptions inner) : JsonConverter<XctipAnswer>
    {
        public override XctipAnswer Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            int? Int(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
            string? Text(string name) => root.TryGetProperty(name, out var v) ? v.GetString() : null;
            var unknown = root.TryGetProperty("Unknown", out var u) ? u.Deserialize<ValueList<XctipElement>>(inner) : null;
            return new XctipAnswer(module) { CId = Int("CId"), Error = Text("Error"), CR = Int("CR"), Unknown = unknown ?? ValueList<XctipElement>.Empty };
        }

        public override void Write(Utf8JsonWriter writer, XctipAnswer value, JsonSerializerOptions options) =>
            throw new NotSupportedException();
    }
}
