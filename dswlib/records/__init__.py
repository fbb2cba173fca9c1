"""Record-level data: KPIs recomputed from person and household records.

* :mod:`.pii`        the personal-data names record loaders used before
                     :mod:`dswlib.pii` (IDs pseudonymised on load, names dropped).
* :mod:`.irp`        IRP assessment logs -> groups A/B/C, KPI 3.1 and 3.2 (FY2564).
* :mod:`.returns`    protection-centre service records -> KPI 4 per province (FY2564).
* :mod:`.households` TPMAP-style household records -> KPI 3 (FY2566), pandas or DuckDB.
* :mod:`.synthetic`  seeded synthetic data (clearly labelled), forward and "inverse"
                     (consistent with printed per-unit tables).
* :mod:`.printed`    reading the printed per-unit tables and comparing with recomputation.
* :mod:`.tables`     reading record files (CSV / Parquet) the same way for every module.

Submodules are imported on demand; ``import dswlib.records`` stays cheap.
"""
