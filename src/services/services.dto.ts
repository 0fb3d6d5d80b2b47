import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { HANDLERS, PLACE_KINDS, RATINGS } from '@gongzhi/domain/services/request.events.js';
import { CATEGORIES, URGENCIES } from '@gongzhi/domain/services/time-limits.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { SHA256, WITH_OFFSET, YUAN } from '../platform/http/wire-formats.js';

const TIME = (name: string) => [
  Matches(WITH_OFFSET, { message: `${name} must be an RFC 3339 time with an offset, like 2026-11-01T00:00:00+08:00` }),
  IsISO8601({ strict: true }, { message: `${name} is not a real date and time` }),
];
const apply =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));
/** A step's photos: SHA-256s the browser computed, never the photos (rule 24). */
const PHOTOS = apply(
  IsOptional(),
  IsArray(),
  ArrayMaxSize(9, { message: 'at most 9 photos per step' }),
  Matches(SHA256, { each: true, message: 'each photo is its SHA-256, 64 lowercase hex digits' }),
);
const KEY = /^[A-Za-z0-9_-]{1,40}$/;
const KEY_MESSAGE = '$property must be 1–40 letters, digits, "-" or "_"';

export class PlaceDto {
  @ApiProperty({ enum: PLACE_KINDS })
  @IsIn(PLACE_KINDS, { message: `place.kind must be one of ${PLACE_KINDS.join(', ')}` })
  kind: string;

  @ApiProperty({ example: '3-2-501', description: 'the unit id, the building, or the common area in words' })
  @IsString()
  @Length(1, 100)
  ref: string;
}

export class FileRequestDto {
  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES, { message: `category must be one of ${CATEGORIES.join(', ')}` })
  category: string;

  @ApiProperty({
    enum: URGENCIES,
    description: 'rule 35: EMERGENCY (danger), UTILITY (water, power, gas, heating), ORDINARY, COMPLEX',
  })
  @IsIn(URGENCIES, { message: `urgency must be one of ${URGENCIES.join(', ')}` })
  urgency: string;

  @ApiProperty({ type: PlaceDto })
  @IsDefined({ message: 'place is required: a unit, a building, or a common area in words' })
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => PlaceDto)
  place: PlaceDto;

  @ApiProperty({ example: '2号楼电梯停运' })
  @IsString()
  @Length(1, 2000)
  text: string;

  @ApiPropertyOptional({ type: [String] })
  @PHOTOS
  photoSha256s?: string[];
}

export class DispatchDto {
  @ApiProperty({ enum: HANDLERS })
  @IsIn(HANDLERS, { message: `handler must be one of ${HANDLERS.join(', ')}` })
  handler: string;
}

export class ResolveDto {
  @ApiProperty({ example: '更换电梯门锁，已恢复运行' })
  @IsString()
  @Length(1, 2000)
  whatWasDone: string;

  @ApiPropertyOptional({ type: [String] })
  @PHOTOS
  photoSha256s?: string[];
}

export class RateDto {
  @ApiProperty({ enum: RATINGS, description: '满意, 基本满意, 不满意' })
  @IsIn(RATINGS, { message: `rating must be one of ${RATINGS.join(', ')}` })
  rating: string;
}

export class ReopenDto {
  @ApiProperty({ example: '仍然漏水' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class RequestsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: '2026-11', description: 'requests filed in this month (UTC+8)' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;
}

export class CompanyDto {
  @ApiProperty({ example: 'tianqiao-wuye' })
  @Matches(KEY, { message: KEY_MESSAGE })
  companyId: string;

  @ApiProperty({ example: '济南天桥物业服务有限公司' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '91370105MA3C1X2Y3Z', description: '统一社会信用代码' })
  @IsString()
  creditCode: string;
}

export class PeriodDto {
  @ApiProperty({ example: '2026-11' })
  @Matches(KEY, { message: KEY_MESSAGE })
  periodId: string;

  @ApiProperty({ example: '2026-11-01T00:00:00+08:00' })
  @apply(...TIME('startsAt'))
  startsAt: string;

  @ApiProperty({ example: '2026-12-01T00:00:00+08:00' })
  @apply(...TIME('endsAt'))
  endsAt: string;
}

export class ItemDto {
  @ApiProperty({ example: 'cleaning' })
  @Matches(KEY, { message: KEY_MESSAGE })
  itemId: string;

  @ApiProperty({ example: '保洁' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '楼道每日清扫两次' })
  @IsString()
  @Length(1, 1000)
  standard: string;

  @ApiPropertyOptional({ description: 'the SERVICE_MENU option this item answers' })
  @IsOptional()
  @Matches(KEY, { message: KEY_MESSAGE })
  menuOptionId?: string;
}

class WeightsDto {
  @IsInt()
  @Min(0)
  @Max(100)
  survey: number;

  @IsInt()
  @Min(0)
  @Max(100)
  onTime: number;

  @IsInt()
  @Min(0)
  @Max(100)
  satisfaction: number;
}

class BandDto {
  @IsInt()
  @Min(1)
  @Max(100)
  below: number;

  @IsInt()
  @Min(0)
  @Max(100)
  withholdPercent: number;
}

export class FormulaDto {
  @ApiProperty({ example: { survey: 40, onTime: 30, satisfaction: 30 } })
  @IsDefined({ message: 'formula.weights is required: whole-number weights of survey, onTime and satisfaction' })
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => WeightsDto)
  weights: WeightsDto;

  @ApiProperty({ example: [{ below: 90, withholdPercent: 10 }] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true, message: '$property must list objects' })
  @ValidateNested({ each: true })
  @Type(() => BandDto)
  bands: BandDto[];
}

export class ContractDto {
  @ApiProperty({ example: 'k-2026' })
  @Matches(KEY, { message: KEY_MESSAGE })
  contractId: string;

  @ApiProperty({ example: 'tianqiao-wuye' })
  @Matches(KEY, { message: KEY_MESSAGE })
  companyId: string;

  @ApiProperty({ example: '2026-11-01T00:00:00+08:00' })
  @apply(...TIME('startsAt'))
  startsAt: string;

  @ApiProperty({ example: '2027-11-01T00:00:00+08:00' })
  @apply(...TIME('endsAt'))
  endsAt: string;

  @ApiProperty({ example: '50000.00', description: 'the fee of each period, yuan' })
  @IsString()
  @Matches(YUAN, { message: 'periodFee must be a decimal string in yuan with at most two decimals, like "50000.00"' })
  periodFee: string;

  @ApiProperty({ type: [PeriodDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(120)
  @IsObject({ each: true, message: '$property must list objects' })
  @ValidateNested({ each: true })
  @Type(() => PeriodDto)
  periods: PeriodDto[];

  @ApiProperty({ type: [ItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: '$property must list objects' })
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items: ItemDto[];

  @ApiPropertyOptional({ description: 'the passed SERVICE_MENU vote the items come from (自主点单)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  menuResolutionId?: string;

  @ApiProperty({ type: FormulaDto })
  @IsDefined({ message: 'formula is required: the weights and the withholding bands of the assessment' })
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => FormulaDto)
  formula: FormulaDto;
}

class SurveyDto {
  @Matches(KEY, { message: KEY_MESSAGE })
  itemId: string;

  @IsString()
  @Length(1, 64)
  resolutionId: string;
}

export class AssessmentDto {
  @ApiProperty({ example: '2026-11' })
  @Matches(KEY, { message: KEY_MESSAGE })
  periodId: string;

  @ApiProperty({ description: 'per service item, the SURVEY vote rating it (FOR: satisfied)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: '$property must list objects' })
  @ValidateNested({ each: true })
  @Type(() => SurveyDto)
  surveys: SurveyDto[];
}

export class FeeReleaseDto {
  @ApiProperty({ example: '2026-11' })
  @Matches(KEY, { message: KEY_MESSAGE })
  periodId: string;
}

export class PartyOrganisationDto {
  @ApiProperty()
  @IsBoolean()
  present: boolean;
}

export class StreetOfficeQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: '天桥区' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  district?: string;

  @ApiPropertyOptional({ example: '天桥东街街道' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  street?: string;

  @ApiPropertyOptional({
    example: '2026-11',
    description: 'the month whose requests rank the communities (UTC+8); absent: the current month',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;
}

/** A staff member of the property company, named by the committee; the answer is their activation code. */
export class CompanyStaffDto {
  @ApiProperty({ example: '王师傅', description: "the staff member's name, as the committee knows them" })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({
    example: 'wang.wuye',
    description: 'the login they are expected to choose: 3–64 letters, digits, ".", "-", "_" or "@"',
  })
  @IsString()
  @Matches(/^[\w.@-]{3,64}$/, { message: 'login must be 3–64 letters, digits, ".", "-", "_" or "@"' })
  login: string;
}
