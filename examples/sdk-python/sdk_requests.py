"""Building plugnmeet-sdk's request dataclasses from the runner's JSON, the way a user of
the SDK writes them: `FetchRecordingsRequest(room_ids=[...], from_=1)`.

What the SDK's types cannot carry is written to stderr, because a user of the SDK cannot
send it either:
- a key with no dataclass field is left out (`dropped`);
- a field the dataclass requires but the request leaves out gets its zero value (False, 0,
  "", an empty message), which a user must type to satisfy the constructor (`filled`).
Names: JSON `from` is the SDK's `from_` (Python keyword); lowerCamelCase JSON names
(`roomId`), which protojson accepts, are matched to the snake_case fields.
"""
import dataclasses
import enum
import re
import typing


def json_name(field_name: str) -> str:
    return field_name.rstrip("_")


def camel(name: str) -> str:
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def unwrap_optional(hint):
    if typing.get_origin(hint) is typing.Union:
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return options[0]
    return hint


def zero_value(hint, path: str, notes: dict):
    hint = unwrap_optional(hint)
    if dataclasses.is_dataclass(hint):
        return build(hint, {}, path, notes)
    if typing.get_origin(hint) in (list, typing.List):
        return []
    return {bool: False, int: 0, float: 0.0, str: ""}.get(hint)


def convert(hint, value, path: str, notes: dict):
    hint = unwrap_optional(hint)
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return build(hint, value, path, notes)
    if typing.get_origin(hint) in (list, typing.List) and isinstance(value, list):
        (item,) = typing.get_args(hint) or (typing.Any,)
        return [convert(item, v, f"{path}[{i}]", notes) for i, v in enumerate(value)]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(value)
        except ValueError:
            return value  # not one of the SDK's enum values: passed on as given
    return value


def build(cls, value: dict, path: str, notes: dict):
    """`cls(**fields)` from `value`; `notes` collects `dropped` and `filled` paths."""
    hints = typing.get_type_hints(cls)
    remaining = dict(value)
    kwargs = {}
    for field in dataclasses.fields(cls):
        name = json_name(field.name)
        key = next((k for k in (name, camel(name)) if k in remaining), None)
        where = f"{path}.{name}" if path else name
        if key is not None:
            kwargs[field.name] = convert(hints[field.name], remaining.pop(key), where, notes)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            kwargs[field.name] = zero_value(hints[field.name], where, notes)
            notes["filled"].append(where)
    notes["dropped"].extend(f"{path}.{k}" if path else k for k in remaining)
    return cls(**kwargs)


def sdk_request(cls, request: dict):
    """The SDK's request object for `request`, and what the SDK's types changed."""
    notes = {"dropped": [], "filled": []}
    return build(cls, request, "", notes), notes
