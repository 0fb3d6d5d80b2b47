import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'owner-o00017' })
  @IsString()
  @Length(1, 100)
  login: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @Length(1, 200)
  secret: string;
}

export class ActivateDto {
  @ApiProperty({ example: 'K7QX-2M4P-9RTV-0AB3', description: 'the code from the letter' })
  @IsString()
  @Length(8, 40)
  activationCode: string;

  @ApiProperty({ example: 'zhang.wei', description: '3–64 letters, digits, dot, dash, underscore or @' })
  @IsString()
  @Matches(/^[\w.@-]{3,64}$/, { message: 'login must be 3–64 letters, digits, ".", "-", "_" or "@"' })
  login: string;

  @ApiProperty({ description: 'at least 10 characters' })
  @IsString()
  @Length(10, 200, { message: 'secret must be 10 to 200 characters long' })
  secret: string;
}

export class InvitationDto {
  @ApiProperty({ enum: ['admin', 'regulator', 'auditor'] })
  @IsIn(['admin', 'regulator', 'auditor'])
  role: 'admin' | 'regulator' | 'auditor';

  @ApiPropertyOptional({ description: 'required for auditor: the community whose statements it audits' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  communityId?: string;

  @ApiPropertyOptional({
    example: '海淀区',
    description:
      "rule 31: a regulator's district; the account then files, dissolves, reads quorum records and exports only there",
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  district?: string;

  @ApiPropertyOptional({
    example: '北太平庄街道',
    description: "rule 31: narrows a regulator's district to one street (needs district)",
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  street?: string;
  @ApiPropertyOptional({
    description:
      "auditor only: the statement it is invited to audit; it sees that statement's unit balances and no others (rule 32)",
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  statementId?: string;

  @ApiPropertyOptional({ description: 'who the code is for, as printed on the letter' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  label?: string;
}
