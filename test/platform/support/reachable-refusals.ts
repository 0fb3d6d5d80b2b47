import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Which refusal codes each controller route can reach, read from the source with the TypeScript checker: from
 * the handler method (its decorators and pipes too) through every function, method and table it names, a
 * command's `new X(…)` to the `execute` of its `@CommandHandler(X)`, and a decider command `{ type: 'X' }` to
 * the `case 'X':` of a decider's switch (only that case: the other cases are other commands). A code is any
 * string literal of the catalogue met on the way, outside a comparison or a case label.
 *
 * It over-approximates (a helper shared by two commands brings both commands' codes), so routes may declare
 * more than the server has yet been seen to answer; it never follows an interface or a value computed at run
 * time, which the refusals recorded by the hostile suite cover (test/platform/declared-refusals.int.spec.ts).
 */
export interface RouteReach {
  file: string;
  controller: string;
  method: string;
  /** GET, POST, … as its route decorator says. */
  verb: string;
  public: boolean;
  /** The codes its own @Refusals declares, if it has one, with the shared lists it spreads resolved into them. */
  declared: string[] | null;
  /**
   * The literal codes of each list that makes up its @Refusals: the decorator's own arguments, then each shared
   * list it spreads (recursively), each without the lists spread into it. Empty when it has no @Refusals.
   */
  declaredParts: string[][];
  codes: string[];
}

type Unit = ts.Node;
type Facts = Record<string, string>;
interface Edge {
  unit: Unit;
  facts: Facts;
}

export class RefusalReach {
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;
  private readonly handlers = new Map<ts.Symbol, ts.Node>();
  private readonly cases = new Map<string, ts.Node[]>();
  private readonly direct = new Map<Unit, Map<string, { codes: Set<string>; edges: Edge[] }>>();

  constructor(
    private readonly root: string,
    private readonly catalogue: ReadonlySet<string>,
  ) {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    )!;
    const files = config.fileNames.filter((f) => this.ours(f));
    this.program = ts.createProgram(files, config.options);
    this.checker = this.program.getTypeChecker();
    for (const source of this.sources()) this.index(source);
  }

  private ours(file: string): boolean {
    const path = relative(this.root, file);
    return /^(src|libs)\//.test(path) && !/\.(spec|fixture)\.ts$|\.d\.ts$/.test(path) && !/\/public\//.test(path);
  }

  private sources(): ts.SourceFile[] {
    return this.program.getSourceFiles().filter((s) => this.ours(s.fileName));
  }

  /** Command handlers by their command's class, and decider cases by command type. */
  private index(source: ts.SourceFile): void {
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node)) {
        for (const decorator of ts.getDecorators(node) ?? []) {
          const call = decorator.expression;
          if (ts.isCallExpression(call) && call.expression.getText() === 'CommandHandler' && call.arguments[0]) {
            const command = this.symbolOf(call.arguments[0]);
            const execute = node.members.find((m) => ts.isMethodDeclaration(m) && m.name.getText() === 'execute');
            if (command && execute) this.handlers.set(command, execute);
          }
        }
      }
      if (isTypeSwitchCase(node)) {
        const label = (node.expression as ts.StringLiteral).text;
        this.cases.set(label, [...(this.cases.get(label) ?? []), node]);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  private symbolOf(node: ts.Node): ts.Symbol | undefined {
    let symbol = this.checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol;
  }

  /**
   * The codes and the units one unit names directly. `facts` are a command's literal arguments by parameter name
   * (`new AdvanceResolution(cid, rid, 'post', ctx)`: step = 'post'), which its handler's `if (step === 'open')`
   * and `step === 'post' ? … : …` are read with, so each route of a shared handler reaches its own branch only.
   */
  private scan(unit: Unit, facts: Facts = {}): { codes: Set<string>; edges: Edge[] } {
    const key = JSON.stringify(facts);
    const cached = this.direct.get(unit)?.get(key);
    if (cached) return cached;
    const found = { codes: new Set<string>(), edges: [] as Edge[] };
    if (!this.direct.has(unit)) this.direct.set(unit, new Map());
    this.direct.get(unit)!.set(key, found);
    const visit = (node: ts.Node): void => {
      if (node !== unit && isTypeSwitchCase(node)) return; // reached only by its command type
      if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
      // The route's own declaration is what is checked, not a way to reach a code.
      if (
        ts.isDecorator(node) &&
        ts.isCallExpression(node.expression) &&
        node.expression.expression.getText() === 'Refusals'
      )
        return;
      if (ts.isIfStatement(node) || ts.isConditionalExpression(node)) {
        const known = decided(ts.isIfStatement(node) ? node.expression : node.condition, facts);
        if (known !== undefined) {
          const [yes, no] = ts.isIfStatement(node)
            ? [node.thenStatement, node.elseStatement]
            : [node.whenTrue, node.whenFalse];
          const taken = known ? yes : no;
          if (taken) visit(taken);
          return;
        }
      }
      if (ts.isSwitchStatement(node)) {
        const subject = nameOf(node.expression);
        if (subject !== undefined && subject in facts) {
          const clauses = node.caseBlock.clauses;
          let at = clauses.findIndex(
            (c) => ts.isCaseClause(c) && ts.isStringLiteralLike(c.expression) && c.expression.text === facts[subject],
          );
          if (at < 0) at = clauses.findIndex(ts.isDefaultClause);
          // A clause with no statements falls through to the next.
          for (; at >= 0 && at < clauses.length; at++) {
            clauses[at].statements.forEach(visit);
            if (clauses[at].statements.length) break;
          }
          return;
        }
      }
      if (ts.isStringLiteralLike(node)) {
        if (this.catalogue.has(node.text) && !isComparedOrLabel(node) && !isStatusValue(node))
          found.codes.add(node.text);
        if (isTypeProperty(node))
          for (const target of this.cases.get(node.text) ?? []) {
            found.edges.push({ unit: target, facts: {} });
            // What the decider checks before it switches (an entry id already used, say) holds for every case.
            const decide = ts.findAncestor(target, ts.isFunctionLike);
            if (decide) found.edges.push({ unit: decide, facts: { type: node.text } });
          }
      }
      if (ts.isNewExpression(node)) {
        const symbol = this.symbolOf(node.expression);
        const handler = symbol && this.handlers.get(symbol);
        if (handler) {
          found.edges.push({ unit: handler, facts: this.commandFacts(symbol, node) });
          for (const target of this.targets(symbol, false)) found.edges.push({ unit: target, facts: {} });
          node.arguments?.forEach(visit);
          return;
        }
      }
      if (ts.isIdentifier(node) && !isDeclarationName(node)) {
        const symbol = ts.isShorthandPropertyAssignment(node.parent)
          ? this.checker.getShorthandAssignmentValueSymbol(node.parent)
          : this.symbolOf(node);
        // `TABLE.entry` of a constant object: only that entry (its property name is followed next), not the whole table.
        if (
          ts.isPropertyAccessExpression(node.parent) &&
          node.parent.expression === node &&
          this.isTableEntry(symbol, node.parent.name)
        ) {
          ts.forEachChild(node, visit);
          return;
        }
        const inDecorator = !!ts.findAncestor(node, ts.isDecorator);
        for (const target of this.targets(symbol, true, inDecorator)) found.edges.push({ unit: target, facts: {} });
      }
      ts.forEachChild(node, visit);
    };
    if (isTypeSwitchCase(unit)) unit.statements.forEach(visit);
    else visit(unit);
    return found;
  }

  /** `TABLE.entry` where TABLE is a module constant's object literal and `entry` one of its own properties. */
  private isTableEntry(table: ts.Symbol | undefined, entry: ts.MemberName): boolean {
    const declaration = table?.declarations?.[0];
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
    const property = this.symbolOf(entry)?.declarations?.[0];
    let value: ts.Expression = declaration.initializer;
    while (ts.isAsExpression(value) || ts.isSatisfiesExpression(value) || ts.isParenthesizedExpression(value))
      value = value.expression;
    return !!property && ts.isPropertyAssignment(property) && property.parent === value;
  }

  /** A command's literal constructor arguments by the names of its constructor's parameters. */
  private commandFacts(command: ts.Symbol, call: ts.NewExpression): Facts {
    const declaration = command.declarations?.find(ts.isClassDeclaration);
    const constructor = declaration?.members.find(ts.isConstructorDeclaration);
    const facts: Facts = {};
    constructor?.parameters.forEach((parameter, index) => {
      const argument = call.arguments?.[index];
      if (argument && ts.isStringLiteralLike(argument) && ts.isIdentifier(parameter.name))
        facts[parameter.name.text] = argument.text;
    });
    return facts;
  }

  /**
   * What naming a symbol brings: a function's body, a table's initialiser, a command's handler, a class's
   * constructor, and every method of a class named in a decorator (a guard, a pipe, an interceptor).
   */
  private targets(symbol: ts.Symbol | undefined, withHandler = true, inDecorator = false): Unit[] {
    if (!symbol) return [];
    const handler = withHandler ? this.handlers.get(symbol) : undefined;
    const units: Unit[] = handler ? [handler] : [];
    for (const declaration of symbol.declarations ?? []) {
      if (!this.ours(declaration.getSourceFile().fileName)) continue;
      if (
        ts.isFunctionDeclaration(declaration) ||
        ts.isMethodDeclaration(declaration) ||
        ts.isGetAccessorDeclaration(declaration) ||
        ts.isConstructorDeclaration(declaration)
      ) {
        if (declaration.body) units.push(declaration);
      } else if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
        // A module's constant (a table, a function, a decider); a local is scanned with the function it is in.
        if (!ts.findAncestor(declaration, ts.isFunctionLike)) units.push(declaration.initializer);
      } else if (ts.isPropertyDeclaration(declaration) && declaration.initializer) {
        units.push(declaration.initializer);
      } else if (ts.isPropertyAssignment(declaration)) {
        units.push(declaration.initializer);
      } else if (ts.isClassDeclaration(declaration)) {
        for (const member of declaration.members) {
          if (ts.isConstructorDeclaration(member) && member.body) units.push(member);
          // Field initialisers run on `new` as well.
          if (ts.isPropertyDeclaration(member) && member.initializer && !hasStatic(member))
            units.push(member.initializer);
          if (inDecorator && ts.isMethodDeclaration(member) && member.body) units.push(member);
        }
      }
    }
    return units;
  }

  /** Every code reachable from a unit. */
  reach(unit: Unit): Set<string> {
    const codes = new Set<string>();
    const seen = new Map<Unit, Set<string>>();
    const queue: Edge[] = [{ unit, facts: {} }];
    while (queue.length) {
      const edge = queue.pop()!;
      const key = JSON.stringify(edge.facts);
      if (seen.get(edge.unit)?.has(key)) continue;
      if (!seen.has(edge.unit)) seen.set(edge.unit, new Set());
      seen.get(edge.unit)!.add(key);
      const next = this.scan(edge.unit, edge.facts);
      for (const code of next.codes) codes.add(code);
      queue.push(...next.edges);
    }
    return codes;
  }

  /** How a route reaches a code: the chain of functions, tables and decider cases from its handler, for a person. */
  explain(controller: string, method: string, code: string): string[] | null {
    let start: ts.Node | undefined;
    for (const source of this.sources())
      for (const statement of source.statements)
        if (ts.isClassDeclaration(statement) && statement.name?.text === controller)
          start = statement.members.find((m) => ts.isMethodDeclaration(m) && m.name.getText() === method);
    if (!start) throw new Error(`no ${controller}.${method}`);
    const describe = (unit: Unit) => {
      const where = unit.getSourceFile();
      const line = where.getLineAndCharacterOfPosition(unit.getStart()).line + 1;
      return `${relative(this.root, where.fileName)}:${line} ${unit.getText().split('\n')[0].slice(0, 80)}`;
    };
    const from = new Map<string, { edge: Edge; previous: string | null }>();
    const keyOf = (edge: Edge) =>
      `${edge.unit.pos}:${edge.unit.getSourceFile().fileName}:${JSON.stringify(edge.facts)}`;
    const queue: Edge[] = [{ unit: start, facts: {} }];
    from.set(keyOf(queue[0]), { edge: queue[0], previous: null });
    while (queue.length) {
      const edge = queue.shift()!;
      const next = this.scan(edge.unit, edge.facts);
      if (next.codes.has(code)) {
        const chain: string[] = [];
        for (let key: string | null = keyOf(edge); key; key = from.get(key)!.previous)
          chain.unshift(describe(from.get(key)!.edge.unit));
        return chain;
      }
      for (const target of next.edges)
        if (!from.has(keyOf(target))) {
          from.set(keyOf(target), { edge: target, previous: keyOf(edge) });
          queue.push(target);
        }
    }
    return null;
  }

  /** Each route of each controller (src/**\/*.controller.ts): its handler method and what it reaches. */
  routes(): RouteReach[] {
    const found: RouteReach[] = [];
    for (const source of this.sources()) {
      if (!source.fileName.endsWith('.controller.ts')) continue;
      for (const statement of source.statements) {
        if (!ts.isClassDeclaration(statement) || !statement.name) continue;
        for (const member of statement.members) {
          if (!ts.isMethodDeclaration(member) || !isRoute(member)) continue;
          const decorators = [...(ts.getDecorators(member) ?? []), ...(ts.getDecorators(statement) ?? [])];
          const named = (name: string) =>
            decorators.find((d) => ts.isCallExpression(d.expression) && d.expression.expression.getText() === name);
          const refusals = named('Refusals');
          const where = `${relative(this.root, source.fileName)} ${statement.name.text}.${member.name.getText()}`;
          const declaredParts: string[][] = [];
          found.push({
            file: relative(this.root, source.fileName),
            controller: statement.name.text,
            method: member.name.getText(),
            verb: [...ROUTE_DECORATORS].find((verb) => named(verb))!.toUpperCase(),
            public: Boolean(named('Public')),
            declared: refusals
              ? this.listed((refusals.expression as ts.CallExpression).arguments, where, declaredParts, [])
              : null,
            declaredParts,
            codes: [...this.reach(member)].sort(),
          });
        }
      }
    }
    return found;
  }

  /**
   * The codes a list of @Refusals arguments (or an array literal's elements) names: each string literal, and each
   * spread `...LIST` (or `...TABLE.entry`) resolved through the checker to its constant's array literal, through
   * `as const` / `satisfies` / parentheses, recursively. Anything else (a call, a `let`, a parameter, a ternary) is
   * not read from the source, so it throws rather than let the checks pass over codes they cannot see.
   * `parts` receives each list's own literals, for the check that each list is written in order.
   */
  private listed(items: readonly ts.Expression[], where: string, parts: string[][], through: ts.Node[]): string[] {
    const codes: string[] = [];
    const own: string[] = [];
    parts.push(own);
    for (const item of items) {
      if (ts.isStringLiteralLike(item)) {
        codes.push(item.text);
        own.push(item.text);
      } else if (ts.isSpreadElement(item)) {
        codes.push(...this.sharedList(item.expression, where, parts, through));
      } else {
        throw new Error(`${where}: @Refusals cannot read ${item.getText()} (write a code or spread a constant list)`);
      }
    }
    return codes;
  }

  private sharedList(expression: ts.Expression, where: string, parts: string[][], through: ts.Node[]): string[] {
    const value = unwrapped(expression);
    if (ts.isArrayLiteralExpression(value)) return this.listed(value.elements, where, parts, through);
    const name = ts.isIdentifier(value) ? value : ts.isPropertyAccessExpression(value) ? value.name : undefined;
    const declaration = name && this.symbolOf(name)?.declarations?.[0];
    const constant =
      declaration &&
      ((ts.isVariableDeclaration(declaration) && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) ||
        ts.isPropertyAssignment(declaration)) &&
      declaration.initializer;
    const at = declaration ? ` (${relative(this.root, declaration.getSourceFile().fileName)})` : '';
    if (!declaration || !constant)
      throw new Error(`${where}: @Refusals cannot read ...${expression.getText()}${at}: spread a const array literal`);
    if (through.includes(declaration))
      throw new Error(`${where}: @Refusals list ${expression.getText()} spreads itself`);
    const list = unwrapped(constant);
    if (!ts.isArrayLiteralExpression(list))
      throw new Error(
        `${where}: @Refusals cannot read ...${expression.getText()}${at}: its value is not an array literal`,
      );
    return this.listed(list.elements, `${where} ...${expression.getText()}`, parts, [...through, declaration]);
  }

  /** What a named function or method (e.g. a guard's canActivate) reaches: `Class.method` or a function name, in `file`. */
  entry(file: string, name: string): string[] {
    const source = this.program.getSourceFile(join(this.root, file));
    if (!source) throw new Error(`no ${file}`);
    const [owner, member] = name.split('.');
    let unit: ts.Node | undefined;
    const visit = (node: ts.Node): void => {
      if (unit) return;
      if (member && ts.isClassDeclaration(node) && node.name?.text === owner)
        unit = node.members.find((m) => m.name?.getText() === member);
      else if (!member && ts.isFunctionDeclaration(node) && node.name?.text === owner) unit = node;
      else ts.forEachChild(node, visit);
    };
    visit(source);
    if (!unit) throw new Error(`no ${name} in ${file}`);
    return [...this.reach(unit)].sort();
  }
}

/** An expression without its `as …`, `satisfies …` and parentheses. */
function unwrapped(expression: ts.Expression): ts.Expression {
  let value = expression;
  while (ts.isAsExpression(value) || ts.isSatisfiesExpression(value) || ts.isParenthesizedExpression(value))
    value = value.expression;
  return value;
}

const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);

function isRoute(method: ts.MethodDeclaration): boolean {
  return (ts.getDecorators(method) ?? []).some(
    (d) => ts.isCallExpression(d.expression) && ROUTE_DECORATORS.has(d.expression.expression.getText()),
  );
}

/** `case 'X':` of a `switch (….type)`: a decider's or a projection's branch for one command or event type. */
function isTypeSwitchCase(node: ts.Node): node is ts.CaseClause {
  if (!ts.isCaseClause(node) || !ts.isStringLiteralLike(node.expression)) return false;
  const subject = node.parent.parent.expression;
  return ts.isPropertyAccessExpression(subject) && subject.name.text === 'type';
}

/** `type: 'X'` (or `type: 'X' as const`): a command (or event) of that type. */
function isTypeProperty(node: ts.Node): boolean {
  let value = node;
  while (
    ts.isAsExpression(value.parent) ||
    ts.isSatisfiesExpression(value.parent) ||
    ts.isParenthesizedExpression(value.parent)
  )
    value = value.parent;
  return ts.isPropertyAssignment(value.parent) && value.parent.name.getText() === 'type';
}

const nameOf = (e: ts.Expression) =>
  ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;

/** Whether `x === 'lit'` (or `!==`, either way round) holds, when `x` is a known fact; undefined when not known. */
function decided(condition: ts.Expression, facts: Facts): boolean | undefined {
  if (!ts.isBinaryExpression(condition)) return undefined;
  const op = condition.operatorToken.kind;
  if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
    const [left, right] = [decided(condition.left, facts), decided(condition.right, facts)];
    return left === false || right === false ? false : left && right ? true : undefined;
  }
  const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken;
  if (!equal && op !== ts.SyntaxKind.ExclamationEqualsEqualsToken) return undefined;
  const [subject, literal] = ts.isStringLiteralLike(condition.right)
    ? [condition.left, condition.right]
    : [condition.right, condition.left];
  const known = nameOf(subject);
  if (!ts.isStringLiteralLike(literal) || known === undefined || !(known in facts)) return undefined;
  return (facts[known] === literal.text) === equal;
}

/** `status: 'NOT_FOUND'` is an answer's state (a counted ballot's), not a refusal. */
function isStatusValue(node: ts.Node): boolean {
  let value = node;
  while (ts.isConditionalExpression(value.parent) || ts.isParenthesizedExpression(value.parent)) value = value.parent;
  return ts.isPropertyAssignment(value.parent) && value.parent.name.getText() === 'status';
}

function isComparedOrLabel(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isCaseClause(parent)) return true;
  if (!ts.isBinaryExpression(parent)) return false;
  const op = parent.operatorToken.kind;
  return [
    ts.SyntaxKind.EqualsEqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsEqualsToken,
    ts.SyntaxKind.EqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsToken,
  ].includes(op);
}

function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isFunctionDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertyAssignment(parent)) &&
    parent.name === node
  );
}

function hasStatic(member: ts.PropertyDeclaration): boolean {
  return (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}
