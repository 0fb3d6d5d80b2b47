import { type PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, validate } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ApiError } from './error-response.js';

function describe(errors: ValidationError[], path = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = path
      ? error.property.startsWith('[')
        ? `${path}${error.property}`
        : `${path}.${error.property}`
      : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...describe(error.children ?? [], field)];
  });
}

/**
 * An answer lists at most 20 problems (5 of them in its message), each cut to 80 characters: it never
 * grows with the body that provoked it.
 */
const MAX_PROBLEMS = 20;
const MAX_IN_MESSAGE = 5;
const MAX_TEXT = 80;

const shortened = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

function validationFailed(errors: ValidationError[]): ApiError {
  const all = describe(errors).map((f) => ({ field: shortened(f.field), problems: f.problems.map(shortened) }));
  const fields = all.slice(0, MAX_PROBLEMS);
  const told = all.slice(0, MAX_IN_MESSAGE).map((f) => `${f.field}: ${f.problems.join('; ')}`);
  if (all.length > told.length) told.push(`…and ${all.length - told.length} more problems`);
  const details = all.length > fields.length ? { fields, moreProblems: all.length - fields.length } : { fields };
  return new ApiError(400, 'VALIDATION_FAILED', told.join('. ') || 'the request is not valid', details);
}

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
  exceptionFactory: validationFailed,
};

/** Whitelist on, unknown fields rejected, every problem named with its field. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe(OPTIONS);
}

/**
 * The same rules for a body that is a JSON array of items; problems are named by item, e.g.
 * "[3].areaM2", and the whole array is refused if any item is wrong.
 */
export function arrayOf(items: new () => object, maxItems: number): PipeTransform {
  return {
    async transform(value: unknown) {
      if (!Array.isArray(value)) throw new ApiError(400, 'VALIDATION_FAILED', 'the body must be a JSON array');
      if (value.length === 0) throw new ApiError(400, 'VALIDATION_FAILED', 'the array is empty');
      if (value.length > maxItems)
        throw new ApiError(400, 'TOO_MANY_ITEMS', `at most ${maxItems} items per request; split the list`);
      const instances = value.map((item) => plainToInstance(items, item));
      const errors: ValidationError[] = [];
      for (const [index, instance] of instances.entries()) {
        if (typeof value[index] !== 'object' || value[index] === null || Array.isArray(value[index])) {
          throw new ApiError(400, 'VALIDATION_FAILED', `[${index}]: each item must be a JSON object`);
        }
        const problems = await validate(instance, OPTIONS);
        if (problems.length) errors.push({ property: `[${index}]`, children: problems, constraints: undefined });
        if (errors.length >= 20) break;
      }
      if (errors.length) throw validationFailed(errors);
      return instances;
    },
  };
}

/** ?dryRun=true on a write: judge the request as it would be judged and answer what it would do, writing nothing. */
export class DryRunQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: write nothing, answer the preview' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';
}
