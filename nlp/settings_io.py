"""Serialisation for components whose only state is their settings.

spaCy saves a pipeline by calling each component's to_bytes/to_disk; components that
hold no learned or loaded data list their settings in `settings` and share this code.
"""

from __future__ import annotations

from pathlib import Path

import srsly


class SettingsIO:
    settings: tuple[str, ...] = ()

    def _cfg(self) -> dict:
        return {name: getattr(self, name) for name in self.settings}

    def _load(self, cfg: dict) -> None:
        for name in self.settings:
            if name in cfg:  # a setting added later keeps its default in older saves
                setattr(self, name, cfg[name])

    def to_bytes(self, *, exclude=()) -> bytes:
        return srsly.msgpack_dumps(self._cfg())

    def from_bytes(self, data: bytes, *, exclude=()):
        self._load(srsly.msgpack_loads(data))
        return self

    def to_disk(self, path, *, exclude=()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        srsly.write_json(Path(path) / "cfg.json", self._cfg())

    def from_disk(self, path, *, exclude=()):
        self._load(srsly.read_json(Path(path) / "cfg.json"))
        return self
