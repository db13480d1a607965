using System.Collections;
using System.Runtime.CompilerServices;

namespace Slican.Cti.Protocol;

/// <summary>
/// An immutable list that compares by content, so records holding repeated protocol elements (phones, rows,
/// members) are equal when their elements are.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    private ValueList(T[] items) => _items = items;

    /// <summary>The empty list.</summary>
    public static ValueList<T> Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    public static ValueList<T> From(ReadOnlySpan<T> items) => items.IsEmpty ? Empty : new(items.ToArray());

    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    public static ValueList<T> From(IEnumerable<T>? items) => items switch
    {
        null => Empty,
        ValueList<T> list => list,
        _ => From(items.ToArray()),
    };

    /// <summary>Wraps an array the caller will not change again.</summary>
    internal static ValueList<T> Wrap(T[] items) => items.Length == 0 ? Empty : new(items);

    /// <summary>Converts an array (copied).</summary>
    public static implicit operator ValueList<T>(T[]? items) => items is null ? Empty : From(items.AsSpan());

    /// <summary>Converts a list (copied).</summary>
    public static implicit operator ValueList<T>(List<T>? items) => From(items);

    /// <summary>The items as a span.</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ValueList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", _items)}]";
}

/// <summary>Builds <see cref="ValueList{T}"/> from collection expressions.</summary>
public static class ValueList
{
    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => ValueList<T>.From(items);
}
