"""Import every area's models so the metadata is complete (for Alembic and the drift test)."""

import app.domain.plans.models  # noqa: F401,E402  (issue: één plan)
import app.domain.supervision.models  # noqa: F401,E402
import app.domain.toegang.models  # noqa: F401,E402  (issue: toegang)
from app.domain.audit.models import AuditEvent  # noqa: F401
from app.domain.base import Base
from app.domain.berichten.models import Bericht  # noqa: F401
from app.domain.catalog.models import Aanbieder, Contract, Product  # noqa: F401
from app.domain.codelists.models import Code  # noqa: F401
from app.domain.households.models import (  # noqa: F401
    Betrokkenheid,
    BreakTheGlass,
    Huishouden,
    Lidmaatschap,
    Netwerklid,
    Persoon,
    Toestemming,
)
from app.domain.organisation.models import ApiToken, Gebruiker, Gemeente, LoginPoging, Sessie, Team  # noqa: F401

metadata = Base.metadata
