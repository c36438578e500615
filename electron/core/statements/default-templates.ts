// The holding-statement templates shipped in resources/templates/, bundled into the engine
// and validated like any template a team saves (an unknown placeholder fails loudly).
import { TemplateSchema, type StatementTemplate } from '../../../shared/statement-templates'
import airspaceClosure from '../../../resources/templates/airspace-closure.json'
import dataBreach from '../../../resources/templates/data-breach.json'
import itOutage from '../../../resources/templates/it-outage.json'
import productRecall from '../../../resources/templates/product-recall.json'
import safetyIncident from '../../../resources/templates/safety-incident.json'
import strike from '../../../resources/templates/strike.json'

export const DEFAULT_TEMPLATES: readonly StatementTemplate[] = [
  airspaceClosure,
  itOutage,
  strike,
  safetyIncident,
  dataBreach,
  productRecall
].map((t) => TemplateSchema.parse(t))
