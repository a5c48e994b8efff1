import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>
  >;
}

const DOCUMENT_ID = 'openapi.json';

/** Validates real responses against the schemas an OpenAPI 3.1 document declares for them. */
export class OpenApiValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    addFormats.default(this.ajv);
    // Response schemas point into #/components/schemas, so the whole document is registered and
    // each response schema is compiled as a reference into it.
    this.ajv.addSchema(document as object, DOCUMENT_ID);
  }

  private schemaFor(path: string, method: string, status: number): object {
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    if (operation === undefined) throw new Error(`${method} ${path} is not in the OpenAPI document`);
    const responses = operation.responses ?? {};
    const declared =
      responses[String(status)] ??
      responses[`${String(status)[0]}XX`] ??
      responses[`${String(status)[0]}xx`] ??
      responses['default'];
    const key = Object.entries(responses).find(([, value]) => value === declared)?.[0];
    if (key === undefined || declared?.content?.['application/json']?.schema === undefined) {
      throw new Error(`${method} ${path} declares no JSON response for ${status}`);
    }
    const pointer = ['paths', path, method.toLowerCase(), 'responses', key, 'content', 'application/json', 'schema']
      .map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1'))
      .join('/');
    return { $ref: `${DOCUMENT_ID}#/${pointer}` };
  }

  /** Returns the validation errors of `body` as the `status` response of `method path`, or [] when it conforms. */
  errors(path: string, method: string, status: number, body: unknown): string[] {
    const key = `${method} ${path} ${status}`;
    let validate = this.cache.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile(this.schemaFor(path, method, status));
      this.cache.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
  }
}
